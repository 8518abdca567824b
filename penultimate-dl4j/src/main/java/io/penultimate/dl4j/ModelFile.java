package io.penultimate.dl4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.penultimate.model.LoadedModel;
import io.penultimate.model.ModelMetadata;
import io.penultimate.model.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A model file: DL4J's own zip, as {@code ModelSerializer} writes it (so DL4J tools read it), to
 * which {@code penultimate train} adds our {@link ModelMetadata} as one more entry. Any such zip is
 * read, of a {@link MultiLayerNetwork} or a {@link ComputationGraph}, with or without our metadata;
 * without it, the metadata is what the network's configuration tells (see {@link #describe}).
 */
public final class ModelFile {

  static final String METADATA_ENTRY = "penultimate-metadata.json";
  /** The architecture of a network without our metadata: the kind of DL4J network it is. */
  static final String MULTI_LAYER_ARCH = "dl4j-multilayer";
  static final String GRAPH_ARCH = "dl4j-graph";

  private static final String EXPECTED = "expected a DL4J model zip, from ModelSerializer.writeModel or 'penultimate train'";
  /** Reads what the metadata does not know (a seed, an accuracy) as empty, and writes it as null. */
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new Jdk8Module()).build();

  /**
   * A network read from disk, its metadata, and the SHA-256 of the file (the model's identity).
   *
   * @param network a {@link MultiLayerNetwork} or a {@link ComputationGraph}
   */
  public record Loaded(Model network, ModelMetadata metadata, String sha256) implements LoadedModel {
    public Loaded {
      if (!(network instanceof MultiLayerNetwork || network instanceof ComputationGraph)) {
        throw new IllegalArgumentException(
            "a model is a MultiLayerNetwork or a ComputationGraph, found " + network.getClass().getName());
      }
    }

    /** A copy of the network with its own parameters and state, for another thread: DL4J networks are not thread-safe. */
    public Model copyOfNetwork() {
      return network instanceof MultiLayerNetwork multiLayer ? multiLayer.clone() : ((ComputationGraph) network).clone();
    }

    /** As the network's configuration gives it (see {@link InputShape#dims}). */
    @Override
    public List<Integer> inputShape() {
      return InputShape.of(network).dims();
    }

    /** C for a convolutional network reading NCHW images (or flat rows a FeedForwardToCnnPreProcessor reshapes so). */
    @Override
    public OptionalInt inputChannels() {
      return InputShape.of(network).channelsFirst();
    }

    /** Every layer the probe could read, with its width and activation function, in the order the network runs them. */
    public List<LayerSummary> layers() {
      return LayerSummary.of(network);
    }

    /** A probe of this network; stream tasks each get a probe of their own copy of it ({@link Probe#perTask}). */
    @Override
    public Probe probe(String hiddenLayer) {
      HiddenProbe probe = HiddenProbe.of(network, hiddenLayer);
      String layer = probe.layer();
      return new Dl4jProbe(probe, () -> HiddenProbe.of(copyOfNetwork(), layer)::probe);
    }
  }

  /** The entries read from the zip: DL4J's configuration and, from a file that train wrote, our metadata. */
  private record Entries(String configuration, Optional<String> metadata) {}

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

  /**
   * Reads a model file; every problem stops with one line naming the file and what was expected.
   *
   * @throws IOException when the file is missing, no DL4J model, damaged, or a network the probe
   *     cannot read (no softmax output layer, an input it cannot tell)
   */
  public static Loaded read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new NoSuchFileException(
          path + " (model file not found; create one with 'penultimate train' or save a DL4J network with ModelSerializer.writeModel)");
    }
    Entries entries = entries(path);
    Model network = restore(path, entries.configuration());
    ModelMetadata metadata;
    try {
      HiddenProbe probe = HiddenProbe.of(network, null);
      metadata = entries.metadata().isPresent() ? checked(parse(entries.metadata().get()), probe) : describe(network, probe);
    } catch (IllegalArgumentException e) {
      throw new IOException(path + ": " + e.getMessage(), e);
    }
    return new Loaded(network, metadata, sha256(path));
  }

  private static Entries entries(Path path) throws IOException {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      ZipEntry configuration = zip.getEntry(ModelSerializer.CONFIGURATION_JSON);
      if (configuration == null) {
        throw new IOException(path + " is not a DL4J model: it has no " + ModelSerializer.CONFIGURATION_JSON + " (" + EXPECTED + ")");
      }
      ZipEntry metadata = zip.getEntry(METADATA_ENTRY);
      return new Entries(text(zip, configuration), metadata == null ? Optional.empty() : Optional.of(text(zip, metadata)));
    } catch (ZipException e) {
      throw new IOException(path + " is not a model file (" + EXPECTED + "): " + firstLine(e), e);
    }
  }

  private static String text(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * ModelSerializer writes the JSON of a MultiLayerConfiguration, which lists its layers under
   * "confs", or of a ComputationGraphConfiguration, which has "vertices": the configuration says
   * which of DL4J's two readers to call, rather than one failing before the other is tried.
   */
  private static Model restore(Path path, String configuration) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(configuration);
    } catch (JsonProcessingException e) {
      throw new IOException(path + " is not a DL4J model: its " + ModelSerializer.CONFIGURATION_JSON + " is not JSON (" + EXPECTED + ")", e);
    }
    boolean multiLayer = json.has("confs");
    if (!multiLayer && !json.has("vertices")) {
      throw new IOException(path + " is not a DL4J model: its " + ModelSerializer.CONFIGURATION_JSON
          + " has neither a MultiLayerNetwork's \"confs\" nor a ComputationGraph's \"vertices\" (" + EXPECTED + ")");
    }
    try {
      return multiLayer ? ModelSerializer.restoreMultiLayerNetwork(path.toFile(), false) : ModelSerializer.restoreComputationGraph(path.toFile(), false);
    } catch (IOException | RuntimeException e) {
      // DL4J reports a configuration or coefficients it cannot use with assorted runtime exceptions
      throw new IOException(path + " is a damaged DL4J model (" + (multiLayer ? "MultiLayerNetwork" : "ComputationGraph") + "): " + firstLine(e), e);
    }
  }

  private static ModelMetadata parse(String metadata) {
    try {
      return JSON.readValue(metadata, ModelMetadata.class);
    } catch (ValueInstantiationException e) {
      throw new IllegalArgumentException("its " + METADATA_ENTRY + " is invalid: " + firstLine(e.getCause() == null ? e : e.getCause()), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("its " + METADATA_ENTRY + " is not model metadata: " + firstLine(e), e);
    }
  }

  /** Metadata that disagrees with the network beside it would let a bundle of the wrong shape through. */
  private static ModelMetadata checked(ModelMetadata metadata, HiddenProbe probe) {
    if (metadata.inputSize() != probe.inputSize() || metadata.classNames().size() != probe.classes()) {
      throw new IllegalArgumentException("its metadata says " + metadata.inputSize() + " inputs and " + metadata.classNames().size()
          + " classes, its network reads " + probe.inputSize() + " and has " + probe.classes());
    }
    return metadata;
  }

  /**
   * The metadata of a network saved without ours: its kind as the architecture, the layer the probe
   * reads by default (the one feeding the output layer) and its width, the input size its
   * configuration gives, and classes named "0".."K-1" after the output layer's nOut.
   */
  private static ModelMetadata describe(Model network, HiddenProbe probe) {
    String arch = network instanceof MultiLayerNetwork ? MULTI_LAYER_ARCH : GRAPH_ARCH;
    return ModelMetadata.ofNetwork(arch, probe.layer(), probe.width(), probe.inputSize(), probe.classes());
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
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
