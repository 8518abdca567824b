package io.penultimate.score;

/**
 * Per-class Gaussian confidence: the log-density of the hidden vector under the Gaussian of the
 * predicted class,
 *
 * <pre>
 *   log N(h; μ_c, Σ_c) = −½ d log 2π − ½ log|Σ_c| − ½ (h − μ_c)ᵀ Σ_c⁻¹ (h − μ_c)
 *                      = Σ_i log W_c,ii − ½ d log 2π − ½ ||W_c h − W_c μ_c||²,
 * </pre>
 *
 * the full-covariance counterpart of the paper's per-node likelihood (eq. 5). The normaliser and
 * the whitened means are precomputed, so a score costs one triangular d×d product.
 *
 * <p>Inputs must be finite and d long (IllegalArgumentException otherwise). Outputs are always
 * finite: a class without training samples scores −Double.MAX_VALUE, and an overflowing distance
 * counts as Double.MAX_VALUE. Immutable and thread-safe.
 */
public final class ClassGaussianScore {
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final int[] counts;
  private final double[][][] whitening;
  private final double[][] whitenedMeans;
  private final double[] logNormaliser;

  public ClassGaussianScore(ClassGaussianModel model) {
    counts = model.counts();
    whitening = model.whitening();
    double[][] means = model.means();
    whitenedMeans = new double[means.length][];
    logNormaliser = new double[means.length];
    for (int c = 0; c < means.length; c++) {
      whitenedMeans[c] = Whitening.apply(whitening[c], means[c]);
      logNormaliser[c] = Whitening.halfLogDetInverse(whitening[c]) - means[c].length * HALF_LOG_2PI;
    }
  }

  /** The confidence in a prediction: the log-density at the predicted class. */
  public double score(double[] h, int predictedClass) {
    return logDensity(h, predictedClass);
  }

  /** log N(h; μ_c, Σ_c). */
  public double logDensity(double[] h, int c) {
    Checks.requireClass(c, counts.length);
    double[][] w = whitening[c];
    Checks.requireVector(h, w.length, "h");
    if (counts[c] == 0) {
      return -Double.MAX_VALUE;
    }
    double[] m = whitenedMeans[c];
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      double diff = Whitening.dot(w[i], h) - m[i];
      sum += diff * diff;
    }
    return logNormaliser[c] - 0.5 * Whitening.clampDistance(sum);
  }

  public int dimension() {
    return whitenedMeans[0].length;
  }
}
