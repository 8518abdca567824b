package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;

/**
 * The class-agnostic encoder the paper also reports (section 2.1): one Gaussian mixture of k
 * components (10 in the paper) per node over all classes together, p(h_i) = Σ_j w_j N(h_i; μ_j, σ²_j).
 * Not a {@link HiddenEncoder}, since it does not depend on the class.
 *
 * <p>Scores are finite as in {@link GaussianMixtureEncoder}. The bundle codec writes it with
 * {@code "family": "pooledGmm"}.
 */
public record PooledMixtureEncoder(int width, MixtureTable mixtures) {

  public static final String FAMILY = "pooledGmm";

  public PooledMixtureEncoder {
    if (width < 1 || Checks.present("mixtures", mixtures).slots() != width) {
      throw new IllegalArgumentException("mixtures hold " + mixtures.slots() + " slots, expected width = " + width
          + " (at least 1)");
    }
  }

  public String family() {
    return FAMILY;
  }

  /** The fitted mixture of one node. */
  public GaussianMixture1D mixture(int node) {
    Checks.node(node, width);
    return mixtures.mixture(node);
  }

  /** log p(h_node = h), finite for every double h. */
  public double logDensity(int node, double h) {
    Checks.node(node, width);
    return mixtures.logDensity(node, h);
  }

  /** Σ_i log p(h_i), nodes treated as independent; finite for every input. */
  public double logLikelihood(double[] hidden) {
    Checks.hidden(hidden, width);
    return mixtures.logLikelihood(hidden, 0);
  }
}
