package io.penultimate.score;

import io.penultimate.math.Stats;

/**
 * Fits a {@link SircModel} (Xia and Bouganis, ACCV 2022, "Augmenting Softmax Information for
 * Selective Classification with Out-of-Distribution Data"): the parameters of the
 * feature score's soft gate, from the feature score S₂ of the fitting data alone (no
 * out-of-distribution data),
 *
 * <pre>
 *   a = μ − 3σ,    b = 1/σ,
 * </pre>
 *
 * μ and σ the mean and population standard deviation of S₂ (numpy's {@code std}, ddof = 0). With
 * no spread (σ = 0) σ is taken as the smallest normal double, so b stays finite: every S₂ below the
 * common value is then as far out as a double can say.
 *
 * <p>Feed it S₂ of the training samples the feature score was fitted on (in the bundle, ViM's
 * negated residual norm of the correctly classified training samples).
 */
public record SircFitter() {

  /** @param featureScores S₂ of each fitting sample, higher more in-distribution; finite, at least one */
  public SircModel fit(double[] featureScores) {
    Checks.present(featureScores, "featureScores");
    if (featureScores.length == 0) {
      throw new IllegalArgumentException("need at least one feature score, found none");
    }
    Checks.requireFinite(featureScores, "featureScores");
    double mean = Stats.mean(featureScores);
    double sd = Math.max(Math.sqrt(Stats.variance(featureScores)), Double.MIN_NORMAL);
    return new SircModel(mean - 3 * sd, 1 / sd);
  }
}
