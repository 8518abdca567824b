package io.penultimate.score;

import java.util.function.IntPredicate;

/**
 * Per-class sample counts and means of labelled hidden vectors, and covariances around those class
 * means. Validates the training data once for both Gaussian fitters.
 */
final class ClassMoments {
  private final double[][] hidden;
  private final int[] labels;
  private final int[] counts;
  private final double[][] means;

  private ClassMoments(double[][] hidden, int[] labels, int[] counts, double[][] means) {
    this.hidden = hidden;
    this.labels = labels;
    this.counts = counts;
    this.means = means;
  }

  /** μ_c = (1/n_c) Σ_{i: y_i = c} h_i; a class without samples keeps a zero mean and count 0. */
  static ClassMoments of(double[][] hidden, int[] labels, int numClasses) {
    Checks.present(hidden, "hidden");
    Checks.present(labels, "labels");
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be >= 1, found " + numClasses);
    }
    if (hidden.length == 0 || labels.length != hidden.length) {
      throw new IllegalArgumentException(
          "need at least one sample and one label per sample, found hidden="
              + hidden.length + " labels=" + labels.length);
    }
    int d = Checks.present(hidden[0], "hidden[0]").length;
    if (d == 0) {
      throw new IllegalArgumentException("hidden[0] must not be empty");
    }
    int[] counts = new int[numClasses];
    double[][] means = new double[numClasses][d];
    for (int i = 0; i < hidden.length; i++) {
      Checks.requireVector(hidden[i], d, "hidden[" + i + "]");
      Checks.requireClass(labels[i], numClasses);
      counts[labels[i]]++;
      double[] mean = means[labels[i]];
      for (int j = 0; j < d; j++) {
        mean[j] += hidden[i][j];
      }
    }
    for (int c = 0; c < numClasses; c++) {
      if (counts[c] > 0) {
        for (int j = 0; j < d; j++) {
          means[c][j] /= counts[c];
        }
      }
    }
    return new ClassMoments(hidden, labels, counts, means);
  }

  int[] counts() {
    return counts;
  }

  double[][] means() {
    return means;
  }

  /**
   * Σ = (1/n) Σ_{i: y_i ∈ classes} (h_i − μ_{y_i})(h_i − μ_{y_i})ᵀ, each sample centred on its own
   * class mean (maximum likelihood, divide by n). With all classes this is the tied covariance of
   * Lee et al. (2018); with one class it is that class's covariance. Zero when n is 0.
   */
  double[][] covariance(IntPredicate classes) {
    int d = means[0].length;
    double[][] cov = new double[d][d];
    double[] diff = new double[d];
    int n = 0;
    for (int i = 0; i < hidden.length; i++) {
      if (!classes.test(labels[i])) {
        continue;
      }
      n++;
      double[] mean = means[labels[i]];
      for (int j = 0; j < d; j++) {
        diff[j] = hidden[i][j] - mean[j];
      }
      // upper triangle only; mirrored below so the matrix is exactly symmetric
      for (int a = 0; a < d; a++) {
        double da = diff[a];
        double[] row = cov[a];
        for (int b = a; b < d; b++) {
          row[b] += da * diff[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] = n == 0 ? 0 : cov[a][b] / n;
        cov[b][a] = cov[a][b];
      }
    }
    return cov;
  }
}
