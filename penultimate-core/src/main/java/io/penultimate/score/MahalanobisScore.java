package io.penultimate.score;

/**
 * Mahalanobis confidence (Lee et al. 2018): score(h) = −min_c (h − μ_c)ᵀ Σ⁻¹ (h − μ_c), higher is
 * more in-distribution. With Σ⁻¹ = WᵀW the distance is ||W h − W μ_c||²; the whitened means W μ_c
 * are precomputed, so a score costs one triangular d×d product plus C distances of length d.
 *
 * <p>Inputs must be finite and d long (IllegalArgumentException otherwise). Outputs are always
 * finite: a class without training samples, or a distance that overflows, counts as
 * Double.MAX_VALUE. Immutable and thread-safe.
 */
public final class MahalanobisScore {
  private final int[] counts;
  private final double[][] whitening;
  private final double[][] whitenedMeans;

  public MahalanobisScore(MahalanobisModel model) {
    counts = model.counts();
    whitening = model.whitening();
    double[][] means = model.means();
    whitenedMeans = new double[means.length][];
    for (int c = 0; c < means.length; c++) {
      whitenedMeans[c] = Whitening.apply(whitening, means[c]);
    }
  }

  /** −min_c (h − μ_c)ᵀ Σ⁻¹ (h − μ_c), in [−Double.MAX_VALUE, 0]. */
  public double score(double[] h) {
    double[] z = whiten(h);
    double min = Double.MAX_VALUE;
    for (int c = 0; c < counts.length; c++) {
      min = Math.min(min, distance(z, c));
    }
    return -min;
  }

  /** (h − μ_c)ᵀ Σ⁻¹ (h − μ_c), the squared Mahalanobis distance to class c. */
  public double distanceToClass(double[] h, int c) {
    Checks.requireClass(c, counts.length);
    return distance(whiten(h), c);
  }

  public int dimension() {
    return whitening.length;
  }

  private double[] whiten(double[] h) {
    Checks.requireVector(h, whitening.length, "h");
    return Whitening.apply(whitening, h);
  }

  private double distance(double[] z, int c) {
    if (counts[c] == 0) {
      return Double.MAX_VALUE;
    }
    double[] m = whitenedMeans[c];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      double diff = z[i] - m[i];
      sum += diff * diff;
    }
    return Whitening.clampDistance(sum);
  }
}
