package io.penultimate.score;

/**
 * Relative Mahalanobis confidence (Ren et al. 2021, "A Simple Fix to Mahalanobis Distance for
 * Improving Near-OOD Detection"):
 *
 * <pre>
 *   MD_k(h) = (h − μ_k)ᵀ Σ⁻¹ (h − μ_k),    MD_0(h) = (h − μ₀)ᵀ Σ₀⁻¹ (h − μ₀),
 *   RMD_k(h) = MD_k(h) − MD_0(h),          score(h) = −min_k RMD_k(h) = MD_0(h) − min_k MD_k(h),
 * </pre>
 *
 * with the class means μ_k and tied covariance Σ of {@link MahalanobisModel} and the background
 * Gaussian N(μ₀, Σ₀) of {@link RelativeMahalanobisModel}, both fitted on the same vectors. Higher is
 * more in-distribution: subtracting MD_0 removes the distance along directions in which every
 * class is spread alike, which dominates MD_k for near-OOD inputs. The score is the Mahalanobis
 * score −min_k MD_k plus MD_0, so {@link #score(double[], double)} adds MD_0 to an already computed
 * Mahalanobis score and costs one triangular d×d product.
 *
 * <p>Inputs must be finite and d long (IllegalArgumentException otherwise). Outputs are always
 * finite: both distances are clamped to [0, Double.MAX_VALUE] (see {@link MahalanobisScore}), so
 * their difference is too. Immutable and thread-safe.
 */
public final class RelativeMahalanobisScore {
  private final MahalanobisScore classes;
  private final double[][] whitening;
  private final double[] whitenedMean;

  public RelativeMahalanobisScore(MahalanobisModel classes, RelativeMahalanobisModel background) {
    if (classes.dimension() != background.dimension()) {
      throw new IllegalArgumentException(
          "class model has dimension " + classes.dimension() + ", background " + background.dimension() + "; expected equal");
    }
    this.classes = new MahalanobisScore(classes);
    this.whitening = background.whitening();
    this.whitenedMean = Whitening.apply(whitening, background.mean());
  }

  /** MD_0(h) − min_k MD_k(h). */
  public double score(double[] h) {
    return score(h, classes.score(h));
  }

  /**
   * The same score from the Mahalanobis score −min_k MD_k(h) of the class model this score was
   * built with, already computed for h.
   */
  public double score(double[] h, double mahalanobisScore) {
    return backgroundDistance(h) + mahalanobisScore;
  }

  /** MD_0(h) = (h − μ₀)ᵀ Σ₀⁻¹ (h − μ₀), in [0, Double.MAX_VALUE]. */
  public double backgroundDistance(double[] h) {
    Checks.requireVector(h, whitening.length, "h");
    double sum = 0;
    for (int i = 0; i < whitening.length; i++) {
      double diff = Whitening.dot(whitening[i], h) - whitenedMean[i];
      sum += diff * diff;
    }
    return Whitening.clampDistance(sum);
  }

  public int dimension() {
    return whitening.length;
  }
}
