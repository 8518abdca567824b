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
import java.util.Map;

/**
 * An ONNX model file as the model port sees it: its SHA-256, and one {@link OnnxModel} (an ONNX
 * Runtime session) per hidden layer probed, the automatic choice opened at once so that the
 * metadata is known. The metadata is what the graph tells: arch {@code onnx}, the penultimate
 * tensor, classes named by their index; no data set, seed or accuracy. {@link #close} closes every
 * session; it must come after the last run.
 */
public final class OnnxModelFile implements LoadedModel {
  /** The architecture recorded for every ONNX model: the runtime that reads it. */
  public static final String ARCH = "onnx";

  private final byte[] bytes;
  private final OnnxSettings settings;
  private final String sha256;
  private final OnnxModel automatic;
  private final ModelMetadata metadata;
  /** Sessions by the layer asked for (null: the automatic choice). */
  private final Map<String, OnnxModel> sessions = new LinkedHashMap<>();

  private OnnxModelFile(byte[] bytes, OnnxSettings settings) {
    this.bytes = bytes;
    this.settings = settings;
    this.sha256 = sha256(bytes);
    this.automatic = OnnxModel.of(bytes, settings.withHiddenLayer(null));
    sessions.put(null, automatic);
    this.metadata = ModelMetadata.ofNetwork(ARCH, automatic.layer(), automatic.width(), automatic.inputSize(), automatic.numClasses());
  }

  /** {@code settings.hiddenLayer()} is not read: {@link #probe} names the layer. */
  public static OnnxModelFile open(Path file, OnnxSettings settings) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (ONNX model file not found)");
    }
    return new OnnxModelFile(Files.readAllBytes(file), settings);
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  /** The session reading {@code hiddenLayer}, opened on first use; the automatic choice when it names that tensor. */
  @Override
  public synchronized Probe probe(String hiddenLayer) {
    String key = hiddenLayer == null || hiddenLayer.equals(automatic.layer()) ? null : hiddenLayer;
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
