package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;

/**
 * The paper's encoder for unsaturated layers (section 2.1, VGG16): a 1-D Gaussian mixture of k
 * components (3 in the paper) per (class, node), p(h | y) = Σ_j w_j N(h; μ_j, σ²_j), slot
 * class × width + node of {@code mixtures}.
 *
 * <p>Any finite h scores the mixture's log density; where that underflows (far tails), and for
 * ±∞ and NaN, the score is {@link HiddenEncoder#LOG_DENSITY_FLOOR}.
 */
public record GaussianMixtureEncoder(int numClasses, int width, MixtureTable mixtures) implements HiddenEncoder {

  public static final String FAMILY = "gmm";

  public GaussianMixtureEncoder {
    Checks.shape(numClasses, width);
    if (Checks.present("mixtures", mixtures).slots() != numClasses * width) {
      throw new IllegalArgumentException("mixtures hold " + mixtures.slots() + " slots, expected numClasses × width = "
          + numClasses * width);
    }
  }

  /** The fitted mixture of one (class, node). */
  public GaussianMixture1D mixture(int cls, int node) {
    return mixtures.mixture(Checks.slot(cls, node, numClasses, width));
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public double logDensity(int cls, int node, double h) {
    return mixtures.logDensity(Checks.slot(cls, node, numClasses, width), h);
  }

  @Override
  public double logLikelihood(double[] hidden, int cls) {
    Checks.hidden(hidden, width);
    Checks.cls(cls, numClasses);
    return mixtures.logLikelihood(hidden, cls * width);
  }
}
