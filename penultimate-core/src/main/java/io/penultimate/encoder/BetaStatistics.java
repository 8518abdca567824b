package io.penultimate.encoder;

/**
 * Per (class, node) slot, the statistics a Beta likelihood needs, over values clamped into
 * [ε, 1 − ε]: the count, mean log x and mean log(1 − x) (sufficient for the Beta family), and
 * mean x and mean x² (for a method-of-moments start). Slots without samples hold zeros.
 */
record BetaStatistics(int[] counts, double[] meanLog, double[] meanLog1m, double[] mean, double[] meanSquare) {

  /** Clamps a sigmoid output into [ε, 1 − ε] so that outputs of exactly 0 or 1 keep finite logs. */
  static double clamp(double h, double epsilon) {
    return Math.min(1 - epsilon, Math.max(epsilon, h));
  }

  /** One row-major pass over the samples. */
  static BetaStatistics of(HiddenSamples samples, double epsilon) {
    int width = samples.width();
    int slots = samples.numClasses() * width;
    int[] counts = new int[slots];
    double[] meanLog = new double[slots];
    double[] meanLog1m = new double[slots];
    double[] mean = new double[slots];
    double[] meanSquare = new double[slots];
    double[][] hidden = samples.hidden();
    for (int r = 0; r < hidden.length; r++) {
      int base = samples.classes()[r] * width;
      for (int i = 0; i < width; i++) {
        double x = clamp(hidden[r][i], epsilon);
        counts[base + i]++;
        meanLog[base + i] += Math.log(x);
        meanLog1m[base + i] += Math.log1p(-x);
        mean[base + i] += x;
        meanSquare[base + i] += x * x;
      }
    }
    for (int s = 0; s < slots; s++) {
      if (counts[s] > 0) {
        meanLog[s] /= counts[s];
        meanLog1m[s] /= counts[s];
        mean[s] /= counts[s];
        meanSquare[s] /= counts[s];
      }
    }
    return new BetaStatistics(counts, meanLog, meanLog1m, mean, meanSquare);
  }
}
