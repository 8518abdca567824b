package io.penultimate.score;

/**
 * Fits a {@link MahalanobisModel} (Lee et al. 2018, "A Simple Unified Framework for Detecting
 * Out-of-Distribution Samples and Adversarial Attacks"): class means μ_c and one tied covariance
 * Σ = (1/N) Σ_c Σ_{i∈c} (h_i − μ_c)(h_i − μ_c)ᵀ, regularised to Σ + λ·(trace(Σ)/d)·I.
 *
 * <p>Feed it the hidden vectors of the training samples the network classifies correctly, with
 * their labels; filtering is the caller's job.
 *
 * @param ridge λ, relative to the average variance trace(Σ)/d; default {@value #DEFAULT_RIDGE},
 *     at least 1e-10 (below that, rounding can outweigh the ridge)
 */
public record MahalanobisFitter(double ridge) {

  public static final double DEFAULT_RIDGE = 1e-6;

  public MahalanobisFitter {
    Whitening.requireRidge(ridge);
  }

  public MahalanobisFitter() {
    this(DEFAULT_RIDGE);
  }

  /**
   * @param hidden N hidden vectors of equal length d, all finite
   * @param labels N class labels in [0, numClasses); a class may have no samples
   */
  public MahalanobisModel fit(double[][] hidden, int[] labels, int numClasses) {
    ClassMoments moments = ClassMoments.of(hidden, labels, numClasses);
    double[][] whitening = Whitening.of(moments.covariance(label -> true), ridge);
    return new MahalanobisModel(moments.counts(), moments.means(), whitening);
  }
}
