package io.penultimate.report;

import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.util.function.IntFunction;

/**
 * Two-class stand-in for a classifier's outputs: sample i has label i % 2 and the hidden row
 * {@code codes.apply(i)}; the logits (2, 0) or (0, 2) favour the label, except that every
 * {@code wrongEvery}-th sample (none when 0) favours the other class, so that a validation split
 * has wrong predictions.
 */
final class TwoClassOutputs {
  private TwoClassOutputs() {}

  static LabeledOutputs generate(int n, int wrongEvery, IntFunction<double[]> codes) {
    double[][] hidden = new double[n][];
    double[][] logits = new double[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      hidden[i] = codes.apply(i);
      boolean wrong = wrongEvery > 0 && i % wrongEvery == wrongEvery - 1;
      int favoured = wrong ? 1 - labels[i] : labels[i];
      logits[i] = favoured == 1 ? new double[] {0, 2} : new double[] {2, 0};
    }
    return new LabeledOutputs(new ModelOutputs(hidden, logits), labels);
  }
}
