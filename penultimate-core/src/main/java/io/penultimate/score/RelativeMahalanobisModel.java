package io.penultimate.score;

import java.util.Arrays;

/**
 * The background Gaussian of Relative Mahalanobis (Ren et al. 2021): the mean μ₀ of all the
 * fitting vectors and the whitening factor W₀ = L₀⁻¹ of their regularised covariance Σ₀ = L₀ L₀ᵀ,
 * stored as lower-triangular jagged rows (row i holds columns 0..i). The class Gaussians are the
 * {@link MahalanobisModel} fitted on the same vectors; {@link RelativeMahalanobisScore} takes both,
 * so a bundle stores the class part once. Immutable: arrays are copied in and out. Serialises as a
 * plain record.
 *
 * @param mean μ₀, of length d
 * @param whitening d rows, row i of length i + 1, finite, with a positive diagonal
 */
public record RelativeMahalanobisModel(double[] mean, double[][] whitening) {

  public RelativeMahalanobisModel {
    Checks.present(mean, "mean");
    if (mean.length == 0) {
      throw new IllegalArgumentException("mean must not be empty");
    }
    Checks.requireVector(mean, mean.length, "mean");
    Whitening.requireValid(whitening, mean.length, "whitening");
    mean = mean.clone();
    whitening = Checks.copy(whitening);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[][] whitening() {
    return Checks.copy(whitening);
  }

  public int dimension() {
    return mean.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelativeMahalanobisModel m && Arrays.equals(mean, m.mean) && Arrays.deepEquals(whitening, m.whitening);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.deepHashCode(whitening);
  }

  @Override
  public String toString() {
    return "RelativeMahalanobisModel[dimension=" + dimension() + "]";
  }
}
