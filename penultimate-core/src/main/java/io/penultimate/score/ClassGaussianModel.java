package io.penultimate.score;

import java.util.Arrays;

/**
 * A fitted per-class Gaussian model: per-class sample counts, means and whitening factors
 * W_c = L_c⁻¹ of the regularised class covariances Σ_c = L_c L_cᵀ, each stored as lower-triangular
 * jagged rows (row i holds columns 0..i). Immutable: arrays are copied in and out. Serialises as a
 * plain record.
 *
 * @param counts training samples per class; a class with 0 samples has no mean (its row is ignored)
 * @param means C class means of length d
 * @param whitening C factors of d rows, row i of length i + 1, finite, with a positive diagonal
 */
public record ClassGaussianModel(int[] counts, double[][] means, double[][][] whitening) {

  public ClassGaussianModel {
    int d = Checks.requireClassMeans(counts, means);
    Checks.present(whitening, "whitening");
    if (whitening.length != means.length) {
      throw new IllegalArgumentException(
          "whitening has " + whitening.length + " classes, expected " + means.length);
    }
    counts = counts.clone();
    means = Checks.copy(means);
    double[][][] copy = new double[whitening.length][][];
    for (int c = 0; c < whitening.length; c++) {
      Whitening.requireValid(whitening[c], d, "whitening[" + c + "]");
      copy[c] = Checks.copy(whitening[c]);
    }
    whitening = copy;
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
  public double[][][] whitening() {
    double[][][] copy = new double[whitening.length][][];
    for (int c = 0; c < whitening.length; c++) {
      copy[c] = Checks.copy(whitening[c]);
    }
    return copy;
  }

  public int numClasses() {
    return means.length;
  }

  public int dimension() {
    return means[0].length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassGaussianModel m
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
    return "ClassGaussianModel[classes=" + numClasses() + ", dimension=" + dimension() + "]";
  }
}
