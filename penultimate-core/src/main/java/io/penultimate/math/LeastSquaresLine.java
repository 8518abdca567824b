package io.penultimate.math;

/**
 * The ordinary least-squares line y = intercept + slope·x through points (x_i, y_i), with the
 * standard error of its slope. With x̄, ȳ the means, Sxx = Σ(x_i − x̄)² and Sxy = Σ(x_i − x̄)(y_i − ȳ):
 *
 * <pre>
 *   slope = Sxy / Sxx,   intercept = ȳ − slope·x̄,
 *   SE(slope) = sqrt( Σ r_i² / (n − 2) / Sxx ),   r_i = y_i − intercept − slope·x_i
 * </pre>
 *
 * (simple linear regression; NIST/SEMATECH e-Handbook of Statistical Methods, section 4.1.4.1
 * and 4.4.4.1). The sums are taken around the means, which keeps large offsets (memory in bytes,
 * times in epoch seconds) from cancelling digits.
 *
 * @param slopeStandardError NaN for two points: a line through them leaves no residual to judge by
 */
public record LeastSquaresLine(double slope, double intercept, double slopeStandardError, int points) {

  /**
   * @throws IllegalArgumentException when the lengths differ, there are fewer than two points, a
   *     value is not finite, or every x is the same (no slope is defined)
   */
  public static LeastSquaresLine fit(double[] x, double[] y) {
    if (x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("need at least two points with one y per x, found " + x.length + " x and " + y.length + " y");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
      }
    }
    double mx = Stats.mean(x);
    double my = Stats.mean(y);
    double sxx = 0;
    double sxy = 0;
    for (int i = 0; i < x.length; i++) {
      sxx += (x[i] - mx) * (x[i] - mx);
      sxy += (x[i] - mx) * (y[i] - my);
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("every x is " + x[0] + ": a line's slope needs two distinct x");
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double residuals = 0;
    for (int i = 0; i < x.length; i++) {
      double r = y[i] - intercept - slope * x[i];
      residuals += r * r;
    }
    double standardError = x.length == 2 ? Double.NaN : Math.sqrt(residuals / (x.length - 2) / sxx);
    return new LeastSquaresLine(slope, intercept, standardError, x.length);
  }
}
