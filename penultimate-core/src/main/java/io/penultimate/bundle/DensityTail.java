package io.penultimate.bundle;

import java.util.Arrays;

/**
 * How unusual a density score is among the validation split's correct predictions, as a log
 * p-value log P(D ≤ d) that keeps falling beyond the reference data:
 *
 * <pre>
 *   log p(d) = log((#{reference ≤ d} + 1) / (n + 1))      for d ≥ t, the empirical rank
 *   log p(d) = log q − (t − d) / s                         for d &lt; t, an exponential tail
 * </pre>
 *
 * where t is the reference's q-quantile (q = 0.05) and s the mean excess of the reference below t
 * (the peaks-over-threshold estimate of an exponential tail). Without the tail, every input below
 * the lowest reference score would share the same p-value, and the score could not rank
 * out-of-distribution inputs by how far out they are.
 */
public record DensityTail(ScoreName density, double[] reference, double threshold, double scale) {
  public static final double TAIL_SHARE = 0.05;

  public DensityTail {
    if (reference.length == 0) {
      throw new IllegalArgumentException(density.key() + " tail needs at least one reference score");
    }
    if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(threshold)) {
      throw new IllegalArgumentException(
          density.key() + " tail needs a finite threshold and a positive scale, found " + threshold + " and " + scale);
    }
    reference = reference.clone();
    Arrays.sort(reference);
  }

  /** Fits the tail to reference scores (the validation split's correct predictions). */
  public static DensityTail fit(ScoreName density, double[] reference) {
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double threshold = sorted[(int) Math.floor(TAIL_SHARE * (sorted.length - 1))];
    double excess = 0;
    int below = 0;
    for (double d : sorted) {
      if (d < threshold) {
        excess += threshold - d;
        below++;
      }
    }
    double spread = sorted[sorted.length - 1] - sorted[0];
    double scale = below > 0 && excess > 0 ? excess / below : Math.max(spread, 1) * 1e-3;
    return new DensityTail(density, sorted, threshold, scale);
  }

  public double logPValue(double d) {
    if (d < threshold) {
      return Math.log(TAIL_SHARE) - (threshold - d) / scale;
    }
    int lo = 0;
    int hi = reference.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (reference[mid] <= d) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return Math.log((lo + 1.0) / (reference.length + 1.0));
  }
}
