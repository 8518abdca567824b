package io.penultimate.bundle;

/**
 * What the user declares for the answers at fit time, since in-distribution data cannot tell it.
 *
 * @param oodAlpha the OOD flag's level: the false-alarm rate on in-distribution inputs, in (0, 1)
 * @param oodShare the share of out-of-distribution traffic the trust assumes, in [0, 1)
 */
public record AnswerSettings(double oodAlpha, double oodShare) {
  public static final AnswerSettings DEFAULT = new AnswerSettings(AnswersFitter.DEFAULT_OOD_ALPHA, TrustScore.DEFAULT_OOD_SHARE);

  public AnswerSettings {
    if (!(oodAlpha > 0 && oodAlpha < 1)) {
      throw new IllegalArgumentException("--ood-alpha must be in (0, 1), found " + oodAlpha);
    }
    if (!(oodShare >= 0 && oodShare < 1)) {
      throw new IllegalArgumentException("--ood-share must be in [0, 1), found " + oodShare);
    }
  }
}
