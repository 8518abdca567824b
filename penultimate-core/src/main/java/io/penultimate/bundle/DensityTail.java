package io.penultimate.bundle;

import io.penultimate.evaluation.Ranks;
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
  public static final double TAIL_SHARE = ExponentialTail.SHARE;

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
    ExponentialTail tail = ExponentialTail.fit(sorted);
    return new DensityTail(density, sorted, tail.threshold(), tail.scale());
  }

  public double logPValue(double d) {
    if (d < threshold) {
      return Math.log(TAIL_SHARE) - (threshold - d) / scale;
    }
    int atOrBelow = Ranks.countUpTo(reference, d);
    return Math.log((atOrBelow + 1.0) / (reference.length + 1.0));
  }
}
