package io.penultimate.model;

/**
 * What a classifier produced for a batch: the last hidden layer's activations and the output
 * layer's logits (pre-softmax), one row per sample.
 */
public record ModelOutputs(double[][] hidden, double[][] logits) {

  public ModelOutputs {
    if (hidden.length != logits.length) {
      throw new IllegalArgumentException(
          "hidden and logits must have one row per sample, found " + hidden.length + " vs " + logits.length);
    }
  }

  public int size() {
    return hidden.length;
  }

  public int width() {
    return hidden.length == 0 ? 0 : hidden[0].length;
  }

  public int numClasses() {
    return logits.length == 0 ? 0 : logits[0].length;
  }

  /** argmax of each row's logits, the lowest index on ties. */
  public int[] predicted() {
    int[] out = new int[logits.length];
    for (int i = 0; i < logits.length; i++) {
      int best = 0;
      for (int c = 1; c < logits[i].length; c++) {
        if (logits[i][c] > logits[i][best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** Rows whose indices are given, in that order. */
  public ModelOutputs subset(int[] indices) {
    double[][] h = new double[indices.length][];
    double[][] z = new double[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      h[i] = hidden[indices[i]];
      z[i] = logits[indices[i]];
    }
    return new ModelOutputs(h, z);
  }
}
