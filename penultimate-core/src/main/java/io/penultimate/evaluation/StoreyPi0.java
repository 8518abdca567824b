package io.penultimate.evaluation;

/**
 * Storey's estimator of the share π₀ of true null hypotheses among m p-values (Storey 2002, "A
 * direct approach to false discovery rates", J. R. Statist. Soc. B 64, 479–498; Storey &amp;
 * Tibshirani 2003, PNAS 100, 9440–9445):
 *
 * <pre>π̂₀(λ) = #{p_i > λ} / (m (1 − λ)),   capped at 1</pre>
 *
 * Null p-values are uniform, so a share 1 − λ of them lies above λ, while the alternatives' p-values
 * lie mostly below it. Here the null is "this input is in-distribution", so π̂₀ estimates the
 * in-distribution share and 1 − π̂₀ the OOD share. Any alternative p-value above λ is counted as
 * null, so π̂₀ is biased upwards (the OOD share downwards) by the alternatives' share above λ divided
 * by 1 − λ: conservative, as Storey intends.
 *
 * <p>{@link #bootstrap} chooses λ from the grid 0, 0.05, …, 0.95 as Storey (2002) does: the λ that
 * minimises the bootstrap mean squared error of π̂₀(λ) against min_λ' π̂₀(λ'). The bootstrap is
 * taken in closed form, its limit over infinitely many resamples (as the qvalue package does): the
 * count above λ in a resample is Binomial(m, W/m) with W = #{p_i > λ}, so
 *
 * <pre>MSE(λ) = W (1 − W/m) / (m² (1 − λ)²) + (π̂₀(λ) − min_λ' π̂₀(λ'))²,   π̂₀ uncapped</pre>
 *
 * and the estimate is deterministic. Ties in MSE go to the smaller π̂₀.
 */
public final class StoreyPi0 {
  /** p-values above 1/2 are taken as null only: a balance of bias (alternatives above λ) and variance (∝ 1/(1 − λ)). */
  public static final double DEFAULT_LAMBDA = 0.5;

  private static final int GRID_STEPS = 20;

  private StoreyPi0() {}

  /** The estimate and the λ it was taken at. */
  public record Estimate(double lambda, double pi0) {
    /** The estimated share of alternatives, here of out-of-distribution inputs: 1 − π̂₀. */
    public double oodShare() {
      return 1 - pi0;
    }
  }

  /** π̂₀ at λ = {@value #DEFAULT_LAMBDA}. */
  public static Estimate at(double[] pValues) {
    return at(pValues, DEFAULT_LAMBDA);
  }

  /** Throws IllegalArgumentException if there are no p-values, one is outside [0, 1], or λ is outside [0, 1). */
  public static Estimate at(double[] pValues, double lambda) {
    checkLambda(lambda);
    check(pValues);
    return new Estimate(lambda, pi0(above(pValues, lambda), pValues.length, lambda));
  }

  /** π̂₀ at the λ of the grid 0, 0.05, …, 0.95 with the least bootstrap MSE (class comment). */
  public static Estimate bootstrap(double[] pValues) {
    check(pValues);
    double m = pValues.length;
    double[] lambdas = new double[GRID_STEPS];
    double[] uncapped = new double[GRID_STEPS];
    double[] variance = new double[GRID_STEPS];
    double least = Double.POSITIVE_INFINITY;
    for (int k = 0; k < GRID_STEPS; k++) {
      lambdas[k] = k / (double) GRID_STEPS;
      double w = above(pValues, lambdas[k]);
      double scale = m * (1 - lambdas[k]);
      uncapped[k] = w / scale;
      variance[k] = w * (1 - w / m) / (scale * scale);
      least = Math.min(least, uncapped[k]);
    }
    int best = 0;
    double bestMse = Double.POSITIVE_INFINITY;
    for (int k = 0; k < GRID_STEPS; k++) {
      double bias = uncapped[k] - least;
      double mse = variance[k] + bias * bias;
      if (mse < bestMse || (mse == bestMse && uncapped[k] < uncapped[best])) {
        best = k;
        bestMse = mse;
      }
    }
    return new Estimate(lambdas[best], Math.min(1, uncapped[best]));
  }

  /** π̂₀ from the count of p-values above λ among n: min(1, above / (n (1 − λ))). */
  static double pi0(long above, long n, double lambda) {
    return Math.min(1, above / (n * (1 - lambda)));
  }

  static void checkLambda(double lambda) {
    if (!(lambda >= 0 && lambda < 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1), found " + lambda);
    }
  }

  private static void check(double[] pValues) {
    if (pValues.length == 0) {
      throw new IllegalArgumentException("need at least one p-value, found none");
    }
    Checks.unitInterval(pValues, "p-value");
  }

  private static int above(double[] pValues, double lambda) {
    int count = 0;
    for (double p : pValues) {
      count += p > lambda ? 1 : 0;
    }
    return count;
  }
}
