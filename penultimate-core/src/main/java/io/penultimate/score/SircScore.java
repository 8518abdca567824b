package io.penultimate.score;

/**
 * SIRC confidence (Xia and Bouganis, ACCV 2022, "Augmenting Softmax Information for Selective
 * Classification with Out-of-Distribution Data"): the softmax score S₁ = max softmax
 * (S₁_max = 1) combined with a feature score S₂, higher more in-distribution,
 *
 * <pre>
 *   S = −(S₁_max − S₁) · (1 + exp(−b (S₂ − a))) = −(1 − p_max) · (1 + exp(−b (S₂ − a))),
 * </pre>
 *
 * so a typical S₂ leaves the softmax ranking as it is and an S₂ far below a pushes the sample down.
 * S₂ is ViM's negated residual norm −||x^{P⊥}|| ({@link VimScore#residualNorm}), the paper's "Res"
 * variant, with a and b fitted by {@link SircFitter}.
 *
 * <p>S is negative and 1 − p_max rounds to 0 for every confident sample, which would tie them all.
 * This score is the strictly increasing transform
 *
 * <pre>
 *   score = −log(−S) = −log(1 − p_max) − log(1 + e^{b (a − S₂)}) = softplus(t) − softplus(b (a − S₂)),
 * </pre>
 *
 * with t = log(p_max / (1 − p_max)) = z_max − log Σ_{j≠max} e^{z_j} computed from the logits
 * ({@link SoftmaxScores#maxLogOdds}), so it ranks samples as S does and confident ones stay ranked.
 * softplus(x) = log(1 + eˣ) is evaluated as x + log1p(e^{−x}) for x > 0.
 *
 * <p>Logits must be non-empty and finite, S₂ finite (IllegalArgumentException otherwise). Each
 * softplus term is clamped to [0, Double.MAX_VALUE], so the score is finite; with one class
 * (1 − p_max = 0) the first term is Double.MAX_VALUE. Immutable and thread-safe.
 */
public final class SircScore {
  private final double a;
  private final double b;

  public SircScore(SircModel model) {
    a = model.a();
    b = model.b();
  }

  /** softplus(t) − softplus(b (a − S₂)). */
  public double score(double[] logits, double featureScore) {
    if (!Double.isFinite(featureScore)) {
      throw new IllegalArgumentException("feature score must be finite, found " + featureScore);
    }
    return softplus(SoftmaxScores.maxLogOdds(logits)) - softplus(b * (a - featureScore));
  }

  /** log(1 + eˣ) in [0, Double.MAX_VALUE]. */
  static double softplus(double x) {
    double value = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    return Math.min(Double.MAX_VALUE, value);
  }
}
