package io.penultimate.score;

import io.penultimate.math.Stats;

/**
 * The energy score (Liu et al. 2020, "Energy-based Out-of-distribution Detection"): confidence =
 * −E(x; T) = T · log Σ_i exp(x_i / T), the negative free energy of the logits. At T = 1 it is
 * logsumexp(logits).
 *
 * <p>Computed as m + T · logsumexp((x − m) / T) with m = max_i x_i, which is the same value but
 * never divides a large logit by a small T. Logits must be non-empty and finite
 * (IllegalArgumentException otherwise, as in {@link SoftmaxScores}); the score is then finite.
 *
 * @param temperature T, default {@value #DEFAULT_TEMPERATURE}; finite, positive and at most
 *     {@value #MAX_TEMPERATURE}. Liu et al. and ODIN tune T up to 1000; the cap keeps T·log C far
 *     below the double range, so the score stays finite for every finite logit vector.
 */
public record EnergyScore(double temperature) {

  public static final double DEFAULT_TEMPERATURE = 1;
  public static final double MAX_TEMPERATURE = 1e6;

  public EnergyScore {
    if (!(temperature > 0 && temperature <= MAX_TEMPERATURE)) {
      throw new IllegalArgumentException(
          "temperature must be in (0, " + MAX_TEMPERATURE + "], found " + temperature);
    }
  }

  public EnergyScore() {
    this(DEFAULT_TEMPERATURE);
  }

  public double score(double[] logits) {
    double max = SoftmaxScores.max(logits);
    double[] shifted = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      shifted[i] = (logits[i] - max) / temperature;
    }
    return max + temperature * Stats.logSumExp(shifted);
  }

  public double[] score(double[][] batch) {
    double[] out = new double[batch.length];
    for (int r = 0; r < batch.length; r++) {
      out[r] = score(batch[r]);
    }
    return out;
  }
}
