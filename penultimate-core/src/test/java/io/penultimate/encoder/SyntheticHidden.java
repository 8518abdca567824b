package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;
import java.util.SplittableRandom;

/** Seeded synthetic hidden activations for tests and benchmarks. */
public final class SyntheticHidden {
  private SyntheticHidden() {}

  /**
   * Saturated sigmoid outputs like the paper's MNIST network: each (class, node) sits near 1 with
   * its own probability and near 0 otherwise, and about 3% of outputs fall in (0.1, 0.9).
   */
  public static HiddenSamples sigmoidLike(int samples, int width, int numClasses, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] highShare = new double[numClasses][width];
    for (double[] row : highShare) {
      for (int i = 0; i < width; i++) {
        row[i] = random.nextDouble();
      }
    }
    double[][] hidden = new double[samples][width];
    int[] classes = new int[samples];
    for (int r = 0; r < samples; r++) {
      classes[r] = r % numClasses;
      for (int i = 0; i < width; i++) {
        double tail = 0.1 * Math.pow(random.nextDouble(), 3);
        hidden[r][i] = random.nextDouble() < 0.03 ? 0.1 + 0.8 * random.nextDouble()
            : random.nextDouble() < highShare[classes[r]][i] ? 1 - tail : tail;
      }
    }
    return new HiddenSamples(hidden, classes, numClasses);
  }

  /**
   * ReLU outputs like VGG16's last hidden layer: each (class, node) has its own share of exact
   * zeros and a two-mode positive part, folded at 0.
   */
  public static HiddenSamples reluLike(int samples, int width, int numClasses, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GaussianMixture1D[][] modes = new GaussianMixture1D[numClasses][width];
    double[][] zeroShare = new double[numClasses][width];
    for (int c = 0; c < numClasses; c++) {
      for (int i = 0; i < width; i++) {
        double w = 0.2 + 0.6 * random.nextDouble();
        modes[c][i] = new GaussianMixture1D(
            new double[] {w, 1 - w},
            new double[] {0.2 + 0.8 * random.nextDouble(), 1.5 + 1.5 * random.nextDouble()},
            new double[] {0.01 + 0.1 * random.nextDouble(), 0.05 + 0.2 * random.nextDouble()});
        zeroShare[c][i] = 0.1 + 0.5 * random.nextDouble();
      }
    }
    double[][] hidden = new double[samples][width];
    int[] classes = new int[samples];
    for (int r = 0; r < samples; r++) {
      int c = r % numClasses;
      classes[r] = c;
      for (int i = 0; i < width; i++) {
        hidden[r][i] = random.nextDouble() < zeroShare[c][i] ? 0 : Math.max(0, draw(modes[c][i], random));
      }
    }
    return new HiddenSamples(hidden, classes, numClasses);
  }

  /** n draws from a mixture. */
  public static double[] sample(GaussianMixture1D mixture, int n, SplittableRandom random) {
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = draw(mixture, random);
    }
    return out;
  }

  private static double draw(GaussianMixture1D mixture, SplittableRandom random) {
    double u = random.nextDouble();
    int j = 0;
    while (j < mixture.components() - 1 && u >= mixture.weights()[j]) {
      u -= mixture.weights()[j];
      j++;
    }
    return mixture.means()[j] + Math.sqrt(mixture.variances()[j]) * random.nextGaussian();
  }
}
