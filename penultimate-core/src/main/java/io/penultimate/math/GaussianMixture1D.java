package io.penultimate.math;

import java.util.Arrays;

/**
 * A one-dimensional Gaussian mixture p(x) = Σ_k w_k N(x; μ_k, σ²_k).
 *
 * <p>Shared by the mixture encoders (which fit it) and the information measures (which integrate
 * it). Weights are positive and sum to 1, variances positive, every parameter finite.
 */
public record GaussianMixture1D(double[] weights, double[] means, double[] variances) {

  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  public GaussianMixture1D {
    if (weights.length == 0 || weights.length != means.length || weights.length != variances.length) {
      throw new IllegalArgumentException(
          "mixture arrays must be non-empty and equally long, found weights="
              + weights.length + " means=" + means.length + " variances=" + variances.length);
    }
    double sum = 0;
    for (int k = 0; k < weights.length; k++) {
      if (!(weights[k] > 0) || !Double.isFinite(weights[k])) {
        throw new IllegalArgumentException("weight " + k + " must be positive and finite, found " + weights[k]);
      }
      if (!Double.isFinite(means[k])) {
        throw new IllegalArgumentException("mean " + k + " must be finite, found " + means[k]);
      }
      if (!(variances[k] > 0) || !Double.isFinite(variances[k])) {
        throw new IllegalArgumentException("variance " + k + " must be positive and finite, found " + variances[k]);
      }
      sum += weights[k];
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("weights must sum to 1, found " + sum);
    }
    weights = weights.clone();
    means = means.clone();
    variances = variances.clone();
  }

  public int components() {
    return weights.length;
  }

  /** log p(x), evaluated with log-sum-exp so that far tails stay finite (not -∞) as long as x is finite. */
  public double logDensity(double x) {
    double[] terms = new double[weights.length];
    for (int k = 0; k < weights.length; k++) {
      double d = x - means[k];
      terms[k] = Math.log(weights[k]) - LOG_SQRT_2PI - 0.5 * Math.log(variances[k]) - d * d / (2 * variances[k]);
    }
    return Stats.logSumExp(terms);
  }

  public double density(double x) {
    return Math.exp(logDensity(x));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GaussianMixture1D m
        && Arrays.equals(weights, m.weights)
        && Arrays.equals(means, m.means)
        && Arrays.equals(variances, m.variances);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(weights) + Arrays.hashCode(means)) + Arrays.hashCode(variances);
  }

  @Override
  public String toString() {
    return "GaussianMixture1D" + Arrays.toString(weights) + Arrays.toString(means) + Arrays.toString(variances);
  }
}
