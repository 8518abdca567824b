package io.penultimate.score;

/**
 * Fits a {@link ClassGaussianModel}: per class c the maximum-likelihood mean μ_c and covariance
 * Σ_c = (1/n_c) Σ_{i∈c} (h_i − μ_c)(h_i − μ_c)ᵀ, regularised to Σ_c + λ·(trace(Σ_c)/d)·I.
 *
 * <p>A class whose covariance is zero — fewer than two samples, or all samples identical — carries
 * no information about spread and uses the tied covariance of {@link MahalanobisFitter} instead
 * (regularised the same way), rather than a spike of width √λ. A class with no samples keeps that
 * covariance too but has no mean; {@link ClassGaussianScore} gives it the lowest score.
 *
 * <p>Feed it the hidden vectors of the correctly classified training samples, with their labels.
 *
 * @param ridge λ, relative to each covariance's average variance; default {@value #DEFAULT_RIDGE},
 *     at least 1e-10 (below that, rounding can outweigh the ridge)
 */
public record ClassGaussianFitter(double ridge) {

  public static final double DEFAULT_RIDGE = 1e-6;

  public ClassGaussianFitter {
    Whitening.requireRidge(ridge);
  }

  public ClassGaussianFitter() {
    this(DEFAULT_RIDGE);
  }

  /**
   * @param hidden N hidden vectors of equal length d, all finite
   * @param labels N class labels in [0, numClasses); a class may have no samples
   */
  public ClassGaussianModel fit(double[][] hidden, int[] labels, int numClasses) {
    ClassMoments moments = ClassMoments.of(hidden, labels, numClasses);
    double[][] tied = Whitening.of(moments.covariance(label -> true), ridge);
    double[][][] whitening = new double[numClasses][][];
    for (int c = 0; c < numClasses; c++) {
      int target = c;
      double[][] cov = moments.covariance(label -> label == target);
      whitening[c] = Whitening.trace(cov) > 0 ? Whitening.of(cov, ridge) : tied;
    }
    return new ClassGaussianModel(moments.counts(), moments.means(), whitening);
  }
}
