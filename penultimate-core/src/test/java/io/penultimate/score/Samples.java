package io.penultimate.score;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;

/** Seeded test data and independent reference computations built on commons-math3. */
final class Samples {
  private Samples() {}

  /** Labelled hidden vectors: labels cycle through the classes, h = μ_label + L z with Σ = L Lᵀ. */
  record Labelled(double[][] hidden, int[] labels) {}

  static Labelled gaussian(long seed, double[][] means, double[][] covariance, int n) {
    Random random = new Random(seed);
    double[][] l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(covariance)).getL().getData();
    int d = covariance.length;
    double[][] hidden = new double[n][d];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % means.length;
      double[] z = new double[d];
      for (int j = 0; j < d; j++) {
        z[j] = random.nextGaussian();
      }
      for (int j = 0; j < d; j++) {
        hidden[i][j] = means[labels[i]][j];
        for (int k = 0; k <= j; k++) {
          hidden[i][j] += l[j][k] * z[k];
        }
      }
    }
    return new Labelled(hidden, labels);
  }

  static double[][] uniform(long seed, int n, int d) {
    Random random = new Random(seed);
    double[][] out = new double[n][d];
    for (double[] row : out) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextDouble();
      }
    }
    return out;
  }

  static double[] mean(double[][] hidden, int[] labels, int c) {
    int d = hidden[0].length;
    double[] mean = new double[d];
    int n = 0;
    for (int i = 0; i < hidden.length; i++) {
      if (labels[i] == c) {
        n++;
        for (int j = 0; j < d; j++) {
          mean[j] += hidden[i][j];
        }
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    return mean;
  }

  /** Covariance of the rows (divide by n), plus ridge·(trace/d)·I. */
  static RealMatrix regularisedCovariance(double[][] rows, double ridge) {
    RealMatrix cov = new Covariance(rows, false).getCovarianceMatrix();
    int d = cov.getRowDimension();
    double shift = ridge * cov.getTrace() / d;
    return cov.add(MatrixUtils.createRealIdentityMatrix(d).scalarMultiply(shift));
  }

  /** Each sample minus its class mean: their (zero-mean) covariance is the tied covariance. */
  static double[][] centredOnClassMeans(double[][] hidden, int[] labels, int numClasses) {
    double[][] means = new double[numClasses][];
    for (int c = 0; c < numClasses; c++) {
      means[c] = mean(hidden, labels, c);
    }
    double[][] out = new double[hidden.length][];
    for (int i = 0; i < hidden.length; i++) {
      out[i] = MatrixUtils.createRealVector(hidden[i]).subtract(MatrixUtils.createRealVector(means[labels[i]])).toArray();
    }
    return out;
  }

  static double[][] rowsOfClass(double[][] hidden, int[] labels, int c) {
    return java.util.stream.IntStream.range(0, hidden.length)
        .filter(i -> labels[i] == c)
        .mapToObj(i -> hidden[i])
        .toArray(double[][]::new);
  }

  /** (h − μ)ᵀ Σ⁻¹ (h − μ) with an explicit inverse. */
  static double mahalanobis(double[] h, double[] mean, RealMatrix covariance) {
    var diff = MatrixUtils.createRealVector(h).subtract(MatrixUtils.createRealVector(mean));
    return MatrixUtils.inverse(covariance).operate(diff).dotProduct(diff);
  }

  /** A jagged lower-triangular factor as a square matrix. */
  static RealMatrix square(double[][] lower) {
    RealMatrix m = new Array2DRowRealMatrix(lower.length, lower.length);
    for (int i = 0; i < lower.length; i++) {
      for (int j = 0; j <= i; j++) {
        m.setEntry(i, j, lower[i][j]);
      }
    }
    return m;
  }

  static double[][] identityFactor(int d) {
    double[][] w = new double[d][];
    for (int i = 0; i < d; i++) {
      w[i] = new double[i + 1];
      w[i][i] = 1;
    }
    return w;
  }
}
