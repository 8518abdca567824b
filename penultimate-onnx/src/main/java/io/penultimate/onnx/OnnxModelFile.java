package io.penultimate.onnx;

import io.penultimate.model.LoadedModel;
import io.penultimate.model.ModelMetadata;
import io.penultimate.model.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An ONNX model file as the model port sees it: its SHA-256, and one {@link OnnxModel} (an ONNX
 * Runtime session) per hidden layer probed. The first session is opened at once, so that the
 * metadata is known: on the tensor {@link OnnxSettings#hiddenLayer()} names or, when it names none,
 * on the automatic choice ({@link PenultimateChoice}). Naming the tensor bypasses the automatic
 * choice altogether, so a graph whose logits no Gemm or MatMul computes (a convolution head, a
 * custom op) can still be read. The metadata is what the graph tells: arch {@code onnx}, the tensor
 * read, classes named by their index; no data set, seed or accuracy, unless the file's
 * metadata_props declare them (see {@link DeclaredMetadata}). {@link #close} closes every session;
 * it must come after the last run.
 */
public final class OnnxModelFile implements LoadedModel {
  /** The architecture recorded for every ONNX model: the runtime that reads it. */
  public static final String ARCH = "onnx";

  private final byte[] bytes;
  private final OnnxSettings settings;
  private final String sha256;
  /** The session opened with the file: the tensor the settings name, else the automatic choice. */
  private final OnnxModel first;
  private final ModelMetadata metadata;
  /** Sessions by the layer asked for (null: {@link #first}'s). */
  private final Map<String, OnnxModel> sessions = new LinkedHashMap<>();

  private OnnxModelFile(byte[] bytes, OnnxSettings settings) {
    this.bytes = bytes;
    this.settings = settings;
    this.sha256 = sha256(bytes);
    this.first = OnnxModel.of(bytes, settings);
    sessions.put(null, first);
    this.metadata = DeclaredMetadata.over(
        ModelMetadata.ofNetwork(ARCH, first.layer(), first.width(), first.inputSize(), first.numClasses()), first.metadataProps());
  }

  /**
   * @param settings {@code hiddenLayer()} names the tensor that {@code probe(null)} reads and the
   *     metadata records; null for the automatic choice
   * @throws IllegalArgumentException when the graph cannot be read as a classifier (or the named
   *     tensor is not in it), in one line naming the file and what was expected
   */
  public static OnnxModelFile open(Path file, OnnxSettings settings) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (ONNX model file not found)");
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return new OnnxModelFile(bytes, settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Values per sample of the model's input in the order it reads them, batch excluded ([1, 8, 8] for a 1×8×8 image). */
  @Override
  public List<Integer> inputShape() {
    return first.inputShape();
  }

  /** The first dimension after the batch of a [batch, C, H, W] input: ONNX's convolutions read NCHW. */
  @Override
  public OptionalInt inputChannels() {
    List<Integer> shape = inputShape();
    return shape.size() == 3 ? OptionalInt.of(shape.get(0)) : OptionalInt.empty();
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The session reading {@code hiddenLayer}, opened on first use; the first session for null or the tensor it reads. */
  @Override
  public synchronized Probe probe(String hiddenLayer) {
    String key = hiddenLayer == null || hiddenLayer.equals(first.layer()) ? null : hiddenLayer;
    return sessions.computeIfAbsent(key, layer -> OnnxModel.of(bytes, settings.withHiddenLayer(layer)));
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (OnnxModel session : sessions.values()) {
      try {
        session.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    sessions.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
