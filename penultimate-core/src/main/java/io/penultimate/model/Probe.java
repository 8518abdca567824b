package io.penultimate.model;

import java.util.Optional;
import java.util.function.Supplier;

/** Reads one hidden layer of a {@link LoadedModel} and its logits. */
public interface Probe {

  /** The layer read, named so that {@code probe(layer())} of the same model reads it again. */
  String layer();

  /** Values per sample of the layer read: the length of every hidden vector. */
  int width();

  /**
   * The output layer f(h) = W h + b when the runtime knows it and it reads this layer; empty
   * otherwise (the per-node analysis then reports the bias as unknown).
   */
  Optional<OutputLayer> outputLayer();

  /**
   * Inference for stream tasks: the supplier is asked once per task, and gives each one an instance
   * it may use from its own thread (a copy of a network that is not thread-safe, or a shared one
   * that is).
   */
  Supplier<Inference> perTask();

  /** Hidden activations and logits of every row, on the caller's thread. */
  ModelOutputs probe(float[][] rows);
}
