package io.penultimate.encoder;

import java.util.function.DoubleToIntFunction;

/**
 * The table behind the binned encoders: log P(bin | class, node), flat and class-major, index
 * (slot × bins + bin) with slot = class × width + node.
 */
final class BinnedLogProbabilities {
  private BinnedLogProbabilities() {}

  /**
   * Additive (Lidstone; Laplace for s = 1) smoothing of the bin counts of each (class, node):
   * P(bin) = (n_bin + s) / (n + K·s) for K bins and n samples of the class. With s > 0 every bin
   * keeps a positive probability, and a class without samples gets the uniform 1/K.
   */
  static double[] fit(HiddenSamples samples, int bins, DoubleToIntFunction binOf, double smoothing) {
    int width = samples.width();
    double[] counts = new double[samples.numClasses() * width * bins];
    double[][] hidden = samples.hidden();
    for (int r = 0; r < hidden.length; r++) {
      int base = samples.classes()[r] * width;
      for (int i = 0; i < width; i++) {
        counts[(base + i) * bins + binOf.applyAsInt(hidden[r][i])]++;
      }
    }
    double[] logProbabilities = new double[counts.length];
    for (int c = 0; c < samples.numClasses(); c++) {
      double logTotal = Math.log(samples.classCount(c) + bins * smoothing);
      for (int k = c * width * bins; k < (c + 1) * width * bins; k++) {
        logProbabilities[k] = Math.log(counts[k] + smoothing) - logTotal;
      }
    }
    return logProbabilities;
  }

  /** Right length, every entry a finite log probability, and each slot's probabilities summing to 1. */
  static void validate(double[] logProbabilities, int numClasses, int width, int bins) {
    Checks.length("logProbabilities (numClasses × width × " + bins + ")", logProbabilities, numClasses * width * bins);
    for (int slot = 0; slot < numClasses * width; slot++) {
      double sum = 0;
      for (int b = 0; b < bins; b++) {
        double lp = logProbabilities[slot * bins + b];
        if (!(lp <= 0 && lp > Double.NEGATIVE_INFINITY)) {
          throw new IllegalArgumentException(
              "logProbabilities[" + (slot * bins + b) + "] must be a finite log probability (<= 0), found " + lp);
        }
        sum += Math.exp(lp);
      }
      if (Math.abs(sum - 1) > 1e-9) {
        throw new IllegalArgumentException(
            "probabilities of class " + slot / width + " node " + slot % width + " sum to " + sum + ", expected 1");
      }
    }
  }

  static void smoothing(Problems problems, double smoothing) {
    problems.require(smoothing > 0 && Double.isFinite(smoothing),
        "smoothing must be positive and finite (a zero pseudo-count leaves empty bins at log 0 = -inf), found " + smoothing);
  }
}
