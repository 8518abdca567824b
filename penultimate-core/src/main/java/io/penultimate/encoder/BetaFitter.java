package io.penultimate.encoder;

/**
 * Fits a {@link BetaEncoder} B(α, 1 − α) by maximum likelihood, in closed form.
 *
 * @param epsilon outputs are clamped into [ε, 1 − ε] when fitting and scoring, so that sigmoid
 *     outputs of exactly 0 or 1 have finite logarithms; in (0, 0.5), default 1e-4. It also bounds
 *     the fitted α to about [0.10, 0.90] at the default, because |mean logit x| ≤ log((1 − ε)/ε).
 */
public record BetaFitter(double epsilon) implements EncoderFitter<BetaEncoder> {

  public static final double DEFAULT_EPSILON = 1e-4;

  public BetaFitter {
    Checks.epsilon(epsilon);
  }

  public static BetaFitter defaults() {
    return new BetaFitter(DEFAULT_EPSILON);
  }

  // Mean log-likelihood with L0 = mean log x and L1 = mean log(1 − x):
  //   ℓ(α) = (α − 1) L0 − α L1 − log(π / sin(πα)),
  //   ℓ'(α) = L0 − L1 + π cot(πα),   ℓ''(α) = −π² / sin²(πα) < 0,
  // so ℓ is strictly concave on (0, 1) and its maximum solves cot(πα) = (L1 − L0)/π:
  //   α = ½ + atan(mean logit x / π) / π,   logit x = log x − log(1 − x).
  // A class without samples has mean logit 0 by convention and gets α = ½, the symmetric member.
  @Override
  public BetaEncoder fit(HiddenSamples samples) {
    BetaStatistics stats = BetaStatistics.of(samples, epsilon);
    double[] alpha = new double[stats.counts().length];
    for (int s = 0; s < alpha.length; s++) {
      double meanLogit = stats.meanLog()[s] - stats.meanLog1m()[s];
      alpha[s] = 0.5 + Math.atan(meanLogit / Math.PI) / Math.PI;
    }
    return new BetaEncoder(samples.numClasses(), samples.width(), epsilon, alpha);
  }
}
