package io.penultimate.encoder;

/**
 * A fitted encoder of last-hidden activations: per node i and class y, a distribution
 * p(h_i | y) over the node's output (paper section 2.1). This is the read API the scorer and the
 * streaming side use; fitting lives in the {@link EncoderFitter}s.
 *
 * <p>Every score is finite for every double input. Each family handles out-of-range values in
 * its own documented way (binning, clamping into [ε, 1 − ε]); a density that would still
 * underflow to −∞ (a far Gaussian tail, ±∞) is raised to {@link #LOG_DENSITY_FLOOR}, and NaN
 * scores the floor in every family: a NaN activation means the input or the model is broken, so
 * it is treated as the least likely value there is.
 *
 * <p>The bundle codec ({@code io.penultimate.bundle.BundleJson}) writes it with a {@code family}
 * property naming the implementation, so a bundle can hold any mix of encoders and read them back
 * as {@code HiddenEncoder}.
 */
public interface HiddenEncoder {

  /**
   * Lowest value {@link #logDensity} returns. Far below any fitted density (smoothed bin
   * probabilities of 60,000 samples stay above −12), so an outlying node still dominates the
   * likelihood, yet finite, so a sum over nodes never becomes −∞ or NaN.
   */
  double LOG_DENSITY_FLOOR = -1000;

  /** The family name, also the {@code family} property of the serialised form. */
  String family();

  int numClasses();

  /** Number of hidden nodes. */
  int width();

  /**
   * log p(h_node = h | y = cls): finite for every double h, including NaN, ±∞, h < 0 and h > 1.
   * For the binned families (binomial, trinomial) it is the log probability of h's bin.
   */
  double logDensity(int cls, int node, double h);

  /**
   * The paper's confidence score (eq. 5): L(h | y = cls) = Σ_i log p(h_i | y = cls), nodes
   * treated as independent given the class. Finite for every input.
   */
  double logLikelihood(double[] hidden, int cls);

  /** The floor applied to a log density; written so that NaN and −∞ both fail the comparison. */
  static double floored(double logDensity) {
    return logDensity >= LOG_DENSITY_FLOOR ? logDensity : LOG_DENSITY_FLOOR;
  }
}
