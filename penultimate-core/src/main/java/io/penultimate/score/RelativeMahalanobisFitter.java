package io.penultimate.score;

/**
 * Fits the background Gaussian of Relative Mahalanobis (Ren et al. 2021, "A Simple Fix to
 * Mahalanobis Distance for Improving Near-OOD Detection"): one Gaussian N(μ₀, Σ₀) of all
 * the fitting vectors, classes ignored,
 *
 * <pre>
 *   μ₀ = (1/N) Σ_i h_i,    Σ₀ = (1/N) Σ_i (h_i − μ₀)(h_i − μ₀)ᵀ,
 * </pre>
 *
 * regularised to Σ₀ + λ·(trace(Σ₀)/d)·I as {@link MahalanobisFitter} regularises the class
 * covariance. The class part of the score is a {@link MahalanobisModel} fitted on the same vectors.
 *
 * <p>Feed it the hidden vectors the class Gaussians were fitted on (in the bundle, the training
 * samples the network classifies correctly).
 *
 * @param ridge λ, relative to the average variance trace(Σ₀)/d; default {@value #DEFAULT_RIDGE},
 *     at least 1e-10 (below that, rounding can outweigh the ridge)
 */
public record RelativeMahalanobisFitter(double ridge) {

  public static final double DEFAULT_RIDGE = 1e-6;

  public RelativeMahalanobisFitter {
    Whitening.requireRidge(ridge);
  }

  public RelativeMahalanobisFitter() {
    this(DEFAULT_RIDGE);
  }

  /** @param hidden N hidden vectors of equal length d, all finite */
  public RelativeMahalanobisModel fit(double[][] hidden) {
    ClassMoments moments = ClassMoments.of(hidden, new int[Checks.present(hidden, "hidden").length], 1);
    double[][] whitening = Whitening.of(moments.covariance(label -> true), ridge);
    return new RelativeMahalanobisModel(moments.means()[0], whitening);
  }
}
