package io.penultimate.score;

/**
 * DOCTOR's D_α (Granese et al., NeurIPS 2021, "DOCTOR: A Simple Method for Detecting
 * Misclassification Errors"):
 *
 * <pre>
 *   ĝ(x) = Σ_y p(y|x)²,    D_α(x) = (1 − ĝ(x)) / ĝ(x),    reject the prediction when D_α(x) > γ.
 * </pre>
 *
 * p is the softmax of the logits at temperature T = 1, and the input is not perturbed. The paper
 * tunes T and an ODIN-like input perturbation ε on validation data; the perturbation needs the
 * network's gradient with respect to its input, which this core never sees (it reads logits and
 * hidden vectors only), so this is DOCTOR in its black-box setting, T = 1 and ε = 0.
 *
 * <p>The score is −log D_α = log ĝ − log(1 − ĝ): strictly decreasing in D_α, so it ranks samples as
 * −D_α does and the rule D_α > γ reads score < −log γ; on the log scale confident samples, whose
 * 1 − ĝ rounds to 0 in double precision, stay ranked. It lies in [−log(C − 1), ∞): ĝ ≥ 1/C.
 *
 * <p>Computed without forming 1 − ĝ. With m the largest logit (index t), q_i = exp(x_i − m),
 * R = Σ_{j≠t} q_j and R₂ = Σ_{j≠t} q_j², ĝ = (1 + R₂)/(1 + R)² and 1 − ĝ = (2R + R² − R₂)/(1 + R)²,
 * so D_α = (2R + R² − R₂)/(1 + R₂). R and R₂ underflow when the logits saturate, so e^δ is factored
 * out, with δ = m' − m ≤ 0 and m' the largest other logit: r = Σ_{j≠t} exp(x_j − m') ∈ [1, C − 1],
 * r₂ = Σ_{j≠t} exp(2(x_j − m')) ∈ [1, r], and
 *
 * <pre>   log D_α = δ + log(2r + e^δ (r² − r₂)) − log(1 + e^{2δ} r₂).</pre>
 *
 * <p>Logits must be non-empty and finite (IllegalArgumentException otherwise, as in
 * {@link SoftmaxScores}). The score is clamped to ±Double.MAX_VALUE: one class (ĝ = 1) and a
 * spread of logits beyond the double range (δ = −∞) give Double.MAX_VALUE.
 */
public final class DoctorScore {
  private DoctorScore() {}

  /** −log D_α, higher is more confident. */
  public static double score(double[] logits) {
    double negated = -logDiscriminant(logits);
    return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, negated));
  }

  /** log D_α = log((1 − ĝ)/ĝ), −∞ for a single class. */
  public static double logDiscriminant(double[] logits) {
    int top = SoftmaxScores.predicted(logits);
    if (logits.length == 1) {
      return Double.NEGATIVE_INFINITY;
    }
    double second = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < logits.length; j++) {
      if (j != top) {
        second = Math.max(second, logits[j]);
      }
    }
    double r = 0;
    double r2 = 0;
    for (int j = 0; j < logits.length; j++) {
      if (j != top) {
        double q = Math.exp(logits[j] - second);
        r += q;
        r2 += q * q;
      }
    }
    double delta = second - logits[top];
    double e = Math.exp(delta);
    // r² − r₂ = Σ of q_i q_j over distinct other classes, ≥ 0; max(0, ·) only absorbs rounding
    return delta + Math.log(2 * r + e * Math.max(0, r * r - r2)) - Math.log1p(e * e * r2);
  }
}
