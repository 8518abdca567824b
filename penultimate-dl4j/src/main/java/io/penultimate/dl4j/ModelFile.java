package io.penultimate.dl4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.penultimate.model.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A model file: DL4J's own zip (so {@code ModelSerializer} and other DL4J tools read it) with our
 * {@link ModelMetadata} added as one more entry.
 */
public final class ModelFile {

  static final String METADATA_ENTRY = "penultimate-metadata.json";
  /** Reads what the metadata does not know (a seed, an accuracy) as empty, and writes it as null. */
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new Jdk8Module()).build();

  /** A network read from disk, its metadata, and the SHA-256 of the file (the model's identity). */
  public record Loaded(MultiLayerNetwork network, ModelMetadata metadata, String sha256) {}

  private ModelFile() {}

  public static void write(MultiLayerNetwork network, ModelMetadata metadata, Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    ModelSerializer.writeModel(network, path.toFile(), false);
    try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + path.toAbsolutePath().toUri()), Map.of())) {
      try (OutputStream out = Files.newOutputStream(zip.getPath(METADATA_ENTRY))) {
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, metadata);
      }
    }
  }

  public static Loaded read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path + " (model file not found; create one with 'penultimate train')");
    }
    ModelMetadata metadata;
    try (FileSystem zip = FileSystems.newFileSystem(path, Map.of())) {
      Path entry = zip.getPath(METADATA_ENTRY);
      if (!Files.exists(entry)) {
        throw new IOException(path + " has no " + METADATA_ENTRY + ": not a model written by 'penultimate train'");
      }
      try (InputStream in = Files.newInputStream(entry)) {
        metadata = JSON.readValue(in, ModelMetadata.class);
      }
    } catch (ZipException | java.nio.file.ProviderNotFoundException e) {
      throw new IOException(path + " is not a model file (expected a DL4J zip written by 'penultimate train')", e);
    }
    MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(path.toFile(), false);
    return new Loaded(network, metadata, sha256(path));
  }

  public static String sha256(Path path) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(path)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
