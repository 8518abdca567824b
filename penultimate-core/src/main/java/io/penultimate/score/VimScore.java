package io.penultimate.score;

/**
 * ViM confidence (Wang et al., CVPR 2022, "ViM: Out-Of-Distribution with Virtual-logit Matching"):
 * the residual of the hidden vector outside the principal subspace, scaled to a virtual logit l₀ = α·||x^{P⊥}|| beside the real logits l₁..l_C; the paper scores by the softmax
 * probability of that virtual class, p₀ = e^{l₀} / (e^{l₀} + Σ_c e^{l_c}), lower p₀ meaning more
 * in-distribution. This score is
 *
 * <pre>
 *   score = log Σ_c e^{l_c} − l₀ = log((1 − p₀) / p₀),    x^{P⊥} = Rᵀ (h − o),
 * </pre>
 *
 * the log-odds of "not the virtual class": strictly decreasing in p₀, so it ranks samples as −p₀
 * does, and it is what the paper's code computes (energy minus virtual logit). Unlike −p₀ it does
 * not saturate: p₀ rounds to 0 for every confident sample and to 1 for every far-out one.
 *
 * <p>The residual costs (d − D)·d multiply-adds, over the basis stored in one contiguous array.
 * Inputs must be finite and of the fitted lengths (IllegalArgumentException otherwise). Outputs are
 * always finite: the residual norm and the score are clamped to ±Double.MAX_VALUE. Immutable and
 * thread-safe.
 */
public final class VimScore {
  private static final EnergyScore ENERGY = new EnergyScore();

  private final int d;
  private final int rows;
  private final double[] origin;
  private final double[] basis;
  private final double alpha;

  public VimScore(VimModel model) {
    origin = model.origin();
    d = origin.length;
    double[][] residualBasis = model.residualBasis();
    rows = residualBasis.length;
    basis = new double[rows * d];
    for (int k = 0; k < rows; k++) {
      System.arraycopy(residualBasis[k], 0, basis, k * d, d);
    }
    alpha = model.alpha();
  }

  /** log Σ_c e^{l_c} − α·||x^{P⊥}||. */
  public double score(double[] h, double[] logits) {
    return scoreFromResidual(logits, residualNorm(h));
  }

  /** The same score from the residual norm ||x^{P⊥}|| of this sample, already computed by {@link #residualNorm}. */
  public double scoreFromResidual(double[] logits, double residualNorm) {
    double virtual = Math.min(Double.MAX_VALUE, alpha * residualNorm);
    return clamp(ENERGY.score(logits) - virtual);
  }

  /** ||x^{P⊥}|| = ||Rᵀ (h − o)||, in [0, Double.MAX_VALUE]. */
  public double residualNorm(double[] h) {
    Checks.requireVector(h, d, "h");
    double[] centred = new double[d];
    for (int j = 0; j < d; j++) {
      centred[j] = h[j] - origin[j];
    }
    double sum = 0;
    for (int k = 0; k < rows; k++) {
      int offset = k * d;
      double p0 = 0;
      double p1 = 0;
      int j = 0;
      for (; j + 1 < d; j += 2) {
        p0 += basis[offset + j] * centred[j];
        p1 += basis[offset + j + 1] * centred[j + 1];
      }
      if (j < d) {
        p0 += basis[offset + j] * centred[j];
      }
      double projection = p0 + p1;
      sum += projection * projection;
    }
    return Math.sqrt(Whitening.clampDistance(sum));
  }

  /** The virtual logit l₀ = α·||x^{P⊥}||. */
  public double virtualLogit(double[] h) {
    return Math.min(Double.MAX_VALUE, alpha * residualNorm(h));
  }

  public int dimension() {
    return d;
  }

  private static double clamp(double value) {
    return Math.max(-Double.MAX_VALUE, Math.min(Double.MAX_VALUE, value));
  }
}
