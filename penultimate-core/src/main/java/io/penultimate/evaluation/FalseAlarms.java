package io.penultimate.evaluation;

/**
 * The false-alarm rate of an OOD flag {@code ood = p < α} on in-distribution inputs: the share of
 * their p-values below α. For conformal p-values from exchangeable calibration data the chance of
 * a false alarm is at most α (Vovk, Gammerman &amp; Shafer 2005; Bates, Candès, Lei, Romano &amp;
 * Sesia 2023, "Testing for outliers with conformal p-values"), so the empirical rate on a test split
 * checks that promise. Its binomial standard error √(r(1 − r)/n) says how far from α it may fall by
 * chance: at r = α = 0.05 and n = 10,000, 0.0022.
 */
public final class FalseAlarms {
  private FalseAlarms() {}

  /** #{p_i < α} / n. Throws IllegalArgumentException if there are no p-values, one is outside [0, 1], or α is outside (0, 1). */
  public static double rate(double[] inDistributionPValues, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), found " + alpha);
    }
    if (inDistributionPValues.length == 0) {
      throw new IllegalArgumentException("need at least one p-value, found none");
    }
    Checks.unitInterval(inDistributionPValues, "p-value");
    int flagged = 0;
    for (double p : inDistributionPValues) {
      flagged += p < alpha ? 1 : 0;
    }
    return (double) flagged / inDistributionPValues.length;
  }

  /**
   * √(r(1 − r)/n), the standard error of a share r observed among n independent trials; at r = α it
   * is the spread expected when the flag keeps its promise exactly.
   */
  public static double standardError(double rate, int n) {
    if (!(rate >= 0 && rate <= 1) || n < 1) {
      throw new IllegalArgumentException("need a rate in [0, 1] and n >= 1, found " + rate + " and " + n);
    }
    return Math.sqrt(rate * (1 - rate) / n);
  }
}
