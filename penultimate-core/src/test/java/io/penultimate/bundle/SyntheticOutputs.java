package io.penultimate.bundle;

import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Seeded stand-in for a classifier's outputs: sigmoid-like hidden codes per class, logits that
 * favour the true class with noise, so that some predictions are wrong and the wrong ones have
 * less typical codes and lower margins.
 */
final class SyntheticOutputs {
  static final int WIDTH = 8;
  static final int CLASSES = 3;

  private SyntheticOutputs() {}

  static LabeledOutputs generate(int n, long seed) {
    return generate(n, seed, WIDTH, CLASSES);
  }

  /** The same recipe with another number of nodes and classes (the golden bundles are tiny). */
  static LabeledOutputs generate(int n, long seed, int width, int classes) {
    Random random = new Random(seed);
    double[][] hidden = new double[n][width];
    double[][] logits = new double[n][classes];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int label = i % classes;
      labels[i] = label;
      double noise = random.nextDouble() < 0.15 ? 2.5 : 0.6;
      for (int j = 0; j < width; j++) {
        double centre = (j % classes == label) ? 3 : -3;
        hidden[i][j] = 1 / (1 + Math.exp(-(centre + noise * 2 * random.nextGaussian())));
      }
      for (int c = 0; c < classes; c++) {
        logits[i][c] = (c == label ? 2.0 : 0.0) + noise * random.nextGaussian();
      }
    }
    return new LabeledOutputs(new ModelOutputs(hidden, logits), labels);
  }

  /**
   * The same hidden codes with the logits of a fixed linear head, l_c = Σ_j w_cj h_j + b_c with
   * w_cj = 4 where node j lights up for class c (j ≡ c mod classes) and −1 elsewhere, b_c = 0.1·c:
   * exactly affine in h, as a network read at the input of its output layer is. Predictions go
   * wrong where the noise flips a node.
   */
  static LabeledOutputs generateAffine(int n, long seed, int width, int classes) {
    LabeledOutputs codes = generate(n, seed, width, classes);
    double[][] hidden = codes.outputs().hidden();
    double[][] logits = new double[n][classes];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        logits[i][c] = 0.1 * c;
        for (int j = 0; j < width; j++) {
          logits[i][c] += (j % classes == c ? 4 : -1) * hidden[i][j];
        }
      }
    }
    return new LabeledOutputs(new ModelOutputs(hidden, logits), codes.labels());
  }

  static Provenance provenance() {
    return new Provenance("0".repeat(64), "synthetic", "test", OptionalLong.of(1), "1", "2026-01-01T00:00:00Z", "dev", "1.0.0-M2.1", "17");
  }

  static EncoderBundle fit() {
    return fit(java.util.OptionalDouble.empty());
  }

  static EncoderBundle fit(java.util.OptionalDouble primaryAlpha) {
    return BundleFitter.fit(generate(3000, 1), generate(1500, 2), java.util.List.of("a", "b", "c"), provenance(), primaryAlpha);
  }
}
