package io.penultimate.bundle;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes encoder bundles as JSON. Reading checks the format version first (only the
 * current one is read: see {@link EncoderBundle#FORMAT_VERSION}), then every invariant (the
 * records' constructors), and reports the file and the first problem in one line.
 */
public final class BundleJson {
  /**
   * Shared mapper: score keys as {@code softmax}, non-finite numbers as strings so output stays
   * valid JSON, the encoders' JSON shape from {@link BundleMixIns}, and what is not known (the
   * seed of a model that {@code penultimate train} did not write) as null.
   */
  public static final ObjectMapper MAPPER =
      BundleMixIns.register(JsonMapper.builder())
          .addModule(new Jdk8Module())
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
          .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  private BundleJson() {}

  public static void write(EncoderBundle bundle, Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    MAPPER.writeValue(path.toFile(), bundle);
  }

  public static EncoderBundle read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(path + " (encoder bundle not found; create one with 'penultimate fit')");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(path.toFile());
    } catch (IOException e) {
      throw new IOException(path + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    JsonNode version = tree == null ? null : tree.get("formatVersion");
    boolean readable = version != null && version.isIntegralNumber() && version.asInt() == EncoderBundle.FORMAT_VERSION;
    if (!readable) {
      boolean older = version != null && version.isIntegralNumber() && version.asInt() < EncoderBundle.FORMAT_VERSION;
      throw new IOException(
          path + " has bundle format version " + (version == null ? "none" : version.toString()) + ", expected "
              + EncoderBundle.FORMAT_VERSION + "; run 'penultimate fit' again"
              + (older ? " (an older bundle cannot be upgraded: version " + EncoderBundle.FORMAT_VERSION
                  + " adds baseline models fitted on the training data)" : ""));
    }
    try {
      return MAPPER.treeToValue(tree, EncoderBundle.class);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(path + ": " + cause.getMessage(), e);
    } catch (IOException e) {
      throw new IOException(path + " is not a valid encoder bundle: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}
