package io.penultimate.bundle;

import io.penultimate.evaluation.Ranks;
import java.util.Arrays;

/**
 * A split-conformal p-value of "this score is as typical as the calibration scores", higher
 * scores being more typical (Vovk, Gammerman &amp; Shafer 2005; Bates et al. 2023, "Testing for
 * outliers with conformal p-values"):
 *
 * <pre>p(s) = (1 + #{i : c_i ≤ s}) / (n + 1)</pre>
 *
 * For a score exchangeable with the n calibration scores, P(p(s) ≤ α) ≤ α. Two refinements make
 * it strictly increasing in s, so that it ranks inputs as finely as the score itself does:
 *
 * <ul>
 *   <li>between neighbouring distinct calibration values it rises linearly towards the next step.
 *       It never falls below the step function, so it stays valid (only more conservative);
 *   <li>below the smallest calibration score it continues as an exponential tail,
 *       p(s) = exp(−(c_min − s)/scale) / (n + 1), with the scale the mean excess below the
 *       calibration scores' 5% quantile (the peaks-over-threshold estimate of an exponential tail).
 *       Only p-values below 1/(n + 1) come from the tail, so validity holds for every α ≥ 1/(n + 1).
 * </ul>
 *
 * Computed on the log scale, floored at {@link #LOG_FLOOR} so that sums of several stay finite.
 *
 * @param calibration the calibration scores, sorted on construction
 * @param tailScale the exponential tail's scale, positive
 */
public record ConformalPValue(double[] calibration, double tailScale) {
  /** The lowest log p-value returned: far below any p-value a double holds, and safely summable. */
  public static final double LOG_FLOOR = -1e12;

  public ConformalPValue {
    if (calibration.length == 0) {
      throw new IllegalArgumentException("a conformal p-value needs at least one calibration score, found none");
    }
    if (!(tailScale > 0) || !Double.isFinite(tailScale)) {
      throw new IllegalArgumentException("the tail scale must be positive and finite, found " + tailScale);
    }
    calibration = calibration.clone();
    Arrays.sort(calibration);
    for (double c : calibration) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("calibration scores must be finite, found " + c);
      }
    }
  }

  /** Calibrates on scores of in-distribution samples that took no part in fitting the score. */
  public static ConformalPValue fit(double[] calibration) {
    double[] sorted = calibration.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      throw new IllegalArgumentException("a conformal p-value needs at least one calibration score, found none");
    }
    return new ConformalPValue(sorted, ExponentialTail.fit(sorted).scale());
  }

  public double pValue(double score) {
    return Math.exp(logPValue(score));
  }

  /** log p(s), in [{@link #LOG_FLOOR}, 0]. */
  public double logPValue(double score) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("cannot compute a p-value of NaN");
    }
    int n = calibration.length;
    if (score >= calibration[n - 1]) {
      return 0;
    }
    if (score < calibration[0]) {
      double tail = -Math.log(n + 1.0) - (calibration[0] - score) / tailScale;
      return Math.max(LOG_FLOOR, tail);
    }
    int atOrBelow = Ranks.countUpTo(calibration, score);
    double lower = calibration[atOrBelow - 1];
    double upper = calibration[atOrBelow];
    double rise = (score - lower) / (upper - lower);
    return Math.log((1 + atOrBelow + rise) / (n + 1.0));
  }

  @Override
  public double[] calibration() {
    return calibration.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConformalPValue p && tailScale == p.tailScale && Arrays.equals(calibration, p.calibration);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(calibration) + Double.hashCode(tailScale);
  }

  @Override
  public String toString() {
    return "ConformalPValue[n=" + calibration.length + ", tailScale=" + tailScale + "]";
  }
}
