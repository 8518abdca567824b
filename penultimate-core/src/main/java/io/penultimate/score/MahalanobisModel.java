package io.penultimate.score;

import java.util.Arrays;

/**
 * A fitted Mahalanobis model: per-class sample counts and means, and the whitening factor
 * W = L⁻¹ of the regularised tied covariance Σ = L Lᵀ, stored as lower-triangular jagged rows
 * (row i holds columns 0..i). Immutable: arrays are copied in and out. Serialises as a plain record.
 *
 * @param counts training samples per class; a class with 0 samples has no mean (its row is
 *     ignored) and is infinitely far away
 * @param means C class means of length d
 * @param whitening d rows, row i of length i + 1, finite, with a positive diagonal
 */
public record MahalanobisModel(int[] counts, double[][] means, double[][] whitening) {

  public MahalanobisModel {
    int d = Checks.requireClassMeans(counts, means);
    Whitening.requireValid(whitening, d, "whitening");
    counts = counts.clone();
    means = Checks.copy(means);
    whitening = Checks.copy(whitening);
  }

  @Override
  public int[] counts() {
    return counts.clone();
  }

  @Override
  public double[][] means() {
    return Checks.copy(means);
  }

  @Override
  public double[][] whitening() {
    return Checks.copy(whitening);
  }

  public int numClasses() {
    return means.length;
  }

  public int dimension() {
    return whitening.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MahalanobisModel m
        && Arrays.equals(counts, m.counts)
        && Arrays.deepEquals(means, m.means)
        && Arrays.deepEquals(whitening, m.whitening);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(counts) + Arrays.deepHashCode(means)) + Arrays.deepHashCode(whitening);
  }

  @Override
  public String toString() {
    return "MahalanobisModel[classes=" + numClasses() + ", dimension=" + dimension() + "]";
  }
}
