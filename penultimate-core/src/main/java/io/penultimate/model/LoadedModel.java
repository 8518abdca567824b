package io.penultimate.model;

import java.util.List;
import java.util.OptionalInt;

/**
 * A classifier read from a file by one runtime (DL4J, ONNX Runtime), as the rest of penultimate
 * sees it: its identity, what it reads and predicts, and probes of one of its hidden layers.
 * Closing releases what the runtime holds (an ONNX Runtime session); it comes after the last probe.
 */
public interface LoadedModel extends AutoCloseable {

  /** SHA-256 of the model file, in hex: the model's identity, which a bundle records. */
  String sha256();

  /** What is known of the model; the training fields are empty for a model penultimate did not train. */
  ModelMetadata metadata();

  /** Values per input row, as events carry them. */
  default int inputSize() {
    return metadata().inputSize();
  }

  /**
   * The shape of one input as the model reads it, batch excluded, in the order of the values of the
   * flat rows events carry: [784] for a dense first layer, [1, 28, 28] for a channels-first image.
   * Its product is {@link #inputSize()}.
   */
  default List<Integer> inputShape() {
    return List.of(inputSize());
  }

  /**
   * The channel count C when the model reads channels-first images, C×H×W (ONNX's NCHW, a DL4J
   * convolutional network in NCHW): channel k is then the k-th block of H·W values of a row, which
   * a per-channel input transform relies on. Empty for other inputs (flat, channels last).
   */
  default OptionalInt inputChannels() {
    return OptionalInt.empty();
  }

  /** The classes, in the order of the model's outputs. */
  default List<String> classNames() {
    return metadata().classNames();
  }

  /**
   * A probe of one hidden layer.
   *
   * @param hiddenLayer as the runtime names layers (a DL4J layer index or vertex name, an ONNX
   *     tensor name), or null for the last hidden layer, the one the output layer reads
   * @throws IllegalArgumentException when the model has no such layer, naming the ones it has
   */
  Probe probe(String hiddenLayer);

  @Override
  default void close() {}
}
