package io.penultimate.cli;

import io.penultimate.dl4j.ModelFile;
import io.penultimate.model.LoadedModel;
import io.penultimate.onnx.OnnxModelFile;
import io.penultimate.onnx.OnnxSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a model file with the runtime its extension names: {@code .zip} DL4J, {@code .onnx} ONNX Runtime. */
final class ModelFiles {
  private ModelFiles() {}

  /** With the last hidden layer as the default one (see below). */
  static LoadedModel open(Path file) throws IOException {
    return open(file, null);
  }

  /**
   * With ONNX Runtime's defaults: one intra-op thread, so that stream threads sharing a session do
   * not contend.
   *
   * @param hiddenLayer the layer the command reads ({@code --hidden-layer}, or the bundle's), or
   *     null for the last hidden one. An ONNX model is opened on it, which bypasses the automatic
   *     choice of the penultimate tensor: a graph that choice cannot read (no final Gemm or MatMul)
   *     is read through the tensor named. A DL4J model is opened whole, its layer probed later.
   * @throws UsageException for an extension that names no runtime
   */
  static LoadedModel open(Path file, String hiddenLayer) throws IOException {
    return switch (Format.of(file)) {
      case ONNX -> OnnxModelFile.open(file, OnnxSettings.DEFAULT.withHiddenLayer(hiddenLayer));
      case DL4J -> ModelFile.read(file);
    };
  }

  /** The runtime a file's extension names. */
  enum Format {
    ONNX,
    DL4J;

    static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".onnx")) {
        return ONNX;
      }
      if (name.endsWith(".zip")) {
        return DL4J;
      }
      throw new UsageException(
          "--model " + file + " has an unknown format, expected .onnx (ONNX) or .zip (a model file from 'penultimate train')");
    }
  }
}
