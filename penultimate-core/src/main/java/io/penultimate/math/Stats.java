package io.penultimate.math;

/** Small numeric helpers shared by the encoders, measures and scores. */
public final class Stats {
  private Stats() {}

  /** log(Σ exp(x_i)) without overflow: max + log Σ exp(x_i - max). Empty input gives -∞. */
  public static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }

  /** Arithmetic mean; 0 for an empty array. */
  public static double mean(double[] x) {
    if (x.length == 0) {
      return 0;
    }
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }

  /** Population variance E[x²] - E[x]², computed around the mean for numerical stability. */
  public static double variance(double[] x) {
    if (x.length == 0) {
      return 0;
    }
    double mean = mean(x);
    double sum = 0;
    for (double v : x) {
      sum += (v - mean) * (v - mean);
    }
    return sum / x.length;
  }

  /** Pearson correlation; NaN-free: 0 when either side has zero variance. */
  public static double pearson(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("lengths differ: " + x.length + " vs " + y.length);
    }
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
  }

  /**
   * The nearest-rank q-quantile (q in (0, 1]): the smallest value with at least q·n values at or
   * below it. NaN for no values.
   */
  public static double percentile(double[] x, double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("quantile must be in (0, 1], found " + q);
    }
    if (x.length == 0) {
      return Double.NaN;
    }
    double[] sorted = x.clone();
    java.util.Arrays.sort(sorted);
    return sorted[(int) Math.ceil(q * sorted.length) - 1];
  }

  /** Copies column {@code j} of a row-major matrix. */
  public static double[] column(double[][] rows, int j) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][j];
    }
    return out;
  }
}
