package io.penultimate.dl4j;

import io.penultimate.model.Inference;
import io.penultimate.model.ModelOutputs;
import io.penultimate.model.OutputLayer;
import io.penultimate.model.Probe;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The model port's probe for a DL4J network: a {@link HiddenProbe} on the caller's thread, and a
 * probe of a fresh copy of the network for every stream task, as DL4J networks are not thread-safe.
 */
record Dl4jProbe(HiddenProbe hidden, Supplier<Inference> perTask) implements Probe {

  @Override
  public String layer() {
    return hidden.layer();
  }

  @Override
  public int width() {
    return hidden.width();
  }

  @Override
  public Optional<OutputLayer> outputLayer() {
    return hidden.outputLayer();
  }

  @Override
  public ModelOutputs probe(float[][] rows) {
    return hidden.probe(rows);
  }
}
