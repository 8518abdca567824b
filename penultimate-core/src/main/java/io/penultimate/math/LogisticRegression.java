package io.penultimate.math;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;

/**
 * Binary logistic regression P(y = 1 | x) = σ(b + w·z), z the standardised features, fitted by
 * Newton's method (iteratively reweighted least squares) with a small L2 penalty on w so that
 * separable data still converge to finite weights.
 */
public final class LogisticRegression {
  private LogisticRegression() {}

  /** A fitted model; applies its own standardisation. */
  public record Model(double intercept, double[] weights, double[] means, double[] scales) {
    public Model {
      weights = weights.clone();
      means = means.clone();
      scales = scales.clone();
      if (weights.length != means.length || weights.length != scales.length) {
        throw new IllegalArgumentException(
            "weights, means and scales must be equally long, found " + weights.length + ", " + means.length + ", " + scales.length);
      }
      for (double s : scales) {
        if (!(s > 0) || !Double.isFinite(s)) {
          throw new IllegalArgumentException("feature scales must be positive and finite, found " + s);
        }
      }
    }

    /** The linear predictor b + w·z (log-odds). */
    public double logOdds(double[] x) {
      double eta = intercept;
      for (int j = 0; j < weights.length; j++) {
        eta += weights[j] * (x[j] - means[j]) / scales[j];
      }
      return eta;
    }

    public double probability(double[] x) {
      return sigmoid(logOdds(x));
    }
  }

  /** σ(t) = 1 / (1 + e^{-t}), written so neither branch overflows. */
  public static double sigmoid(double t) {
    if (t >= 0) {
      return 1 / (1 + Math.exp(-t));
    }
    double e = Math.exp(t);
    return e / (1 + e);
  }

  /**
   * Fits the model minimising −Σ log-likelihood + ½ λ n |w|² (the intercept is not penalised).
   *
   * @param x rows of features
   * @param y the binary outcome per row
   * @param l2 λ, the penalty per sample (e.g. 1e-3)
   */
  public static Model fit(double[][] x, boolean[] y, double l2) {
    int n = x.length;
    if (n == 0 || n != y.length) {
      throw new IllegalArgumentException("need one outcome per row and at least one row, found " + n + " rows and " + y.length + " outcomes");
    }
    int d = x[0].length;
    double[] means = new double[d];
    double[] scales = new double[d];
    for (int j = 0; j < d; j++) {
      double[] column = Stats.column(x, j);
      means[j] = Stats.mean(column);
      double sd = Math.sqrt(Stats.variance(column));
      scales[j] = sd > 0 ? sd : 1;
    }
    double[][] z = new double[n][d + 1];
    for (int i = 0; i < n; i++) {
      z[i][0] = 1;
      for (int j = 0; j < d; j++) {
        z[i][j + 1] = (x[i][j] - means[j]) / scales[j];
      }
    }
    double[] beta = new double[d + 1];
    for (int iteration = 0; iteration < 100; iteration++) {
      double[] gradient = new double[d + 1];
      double[][] hessian = new double[d + 1][d + 1];
      for (int i = 0; i < n; i++) {
        double eta = 0;
        for (int j = 0; j <= d; j++) {
          eta += beta[j] * z[i][j];
        }
        double p = sigmoid(eta);
        double residual = (y[i] ? 1 : 0) - p;
        double weight = Math.max(p * (1 - p), 1e-12);
        for (int j = 0; j <= d; j++) {
          gradient[j] += residual * z[i][j];
          for (int k = 0; k <= d; k++) {
            hessian[j][k] += weight * z[i][j] * z[i][k];
          }
        }
      }
      for (int j = 1; j <= d; j++) {
        gradient[j] -= l2 * n * beta[j];
        hessian[j][j] += l2 * n;
      }
      double[] step =
          new CholeskyDecomposition(new Array2DRowRealMatrix(hessian), 1e-12, 1e-300)
              .getSolver()
              .solve(new ArrayRealVector(gradient))
              .toArray();
      double change = 0;
      for (int j = 0; j <= d; j++) {
        beta[j] += step[j];
        change = Math.max(change, Math.abs(step[j]));
      }
      if (change < 1e-10) {
        break;
      }
    }
    return new Model(beta[0], java.util.Arrays.copyOfRange(beta, 1, d + 1), means, scales);
  }
}
