package io.penultimate.bundle;

/**
 * The trust answer: the probability that accepting the prediction is right on traffic of which a
 * share π is out of distribution, a failure being a wrong in-distribution prediction or any
 * out-of-distribution input (the joint task of Narasimhan et al., ICLR 2024, "Plugin estimators
 * for selective classification with out-of-distribution detection").
 *
 * <p>The Bayes-optimal rule accepts in order of P(in-distribution and correct | x). With c(x) the
 * calibrated P(correct | x, in-distribution) and u(x) the OOD p-value, model u as uniform on
 * in-distribution inputs and as Beta(a, 1), density a·u^(a−1), on out-of-distribution ones (the
 * beta-uniform mixture of p-values, Pounds &amp; Morris 2003). Then
 *
 * <pre>trust = c · (1 − π) / ((1 − π) + π·a·u^(a−1)) = c / (1 + κ·a·u^(a−1)),  κ = π / (1 − π)</pre>
 *
 * Neither π nor a can be learned from in-distribution data, so both are declared: π by the user
 * ({@code fit --ood-share}), a fixed a priori (a = 1/AUROC − 1 is what a detector of that OOD
 * AUROC implies under the model; the default 0.1 corresponds to an AUROC of about 0.91). At π = 0
 * the trust is the confidence itself.
 *
 * @param oodShare π, in [0, 1)
 * @param oodPower a, in (0, 1]
 */
public record TrustScore(double oodShare, double oodPower) {
  public static final double DEFAULT_OOD_SHARE = 0.1;
  public static final double DEFAULT_OOD_POWER = 0.1;

  public TrustScore {
    if (!(oodShare >= 0 && oodShare < 1)) {
      throw new IllegalArgumentException("the assumed OOD share must be in [0, 1), found " + oodShare);
    }
    if (!(oodPower > 0 && oodPower <= 1)) {
      throw new IllegalArgumentException("the OOD p-value power must be in (0, 1], found " + oodPower);
    }
  }

  /** The same model at another OOD share: refitting the trust is only this. */
  public TrustScore withOodShare(double share) {
    return new TrustScore(share, oodPower);
  }

  /**
   * @param confidence c, the calibrated P(correct), in [0, 1]
   * @param logPValue log u, the OOD p-value's log, at most 0
   * @return trust in [0, c]
   */
  public double trust(double confidence, double logPValue) {
    if (oodShare == 0) {
      return confidence;
    }
    // log(κ·a·u^(a−1)), then c / (1 + e^t) as c·e^(−softplus(t)) so that neither overflows
    double t = Math.log(oodShare / (1 - oodShare)) + Math.log(oodPower) + (oodPower - 1) * logPValue;
    double softplus = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
    return confidence * Math.exp(-softplus);
  }
}
