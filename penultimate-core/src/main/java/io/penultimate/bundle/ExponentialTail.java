package io.penultimate.bundle;

/**
 * The peaks-over-threshold estimate of an exponential lower tail, shared by {@link DensityTail}
 * and {@link ConformalPValue}: the threshold is the reference's {@value #SHARE} quantile, the
 * scale the mean excess of the reference below it.
 *
 * @param threshold the reference's lower quantile
 * @param scale the mean excess below the threshold, positive
 */
record ExponentialTail(double threshold, double scale) {
  /** The share of the lowest reference scores the tail is fitted to. */
  static final double SHARE = 0.05;

  /** @param sorted the reference scores in ascending order, at least one */
  static ExponentialTail fit(double[] sorted) {
    double threshold = sorted[(int) Math.floor(SHARE * (sorted.length - 1))];
    double excess = 0;
    int below = 0;
    for (double d : sorted) {
      if (d < threshold) {
        excess += threshold - d;
        below++;
      }
    }
    // Few or tied reference scores leave no excess: a scale small against their spread keeps the
    // tail steep without being degenerate.
    double spread = sorted[sorted.length - 1] - sorted[0];
    double scale = below > 0 && excess > 0 ? excess / below : Math.max(spread, 1) * 1e-3;
    return new ExponentialTail(threshold, scale);
  }
}
