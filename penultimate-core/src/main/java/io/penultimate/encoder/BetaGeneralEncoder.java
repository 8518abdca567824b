package io.penultimate.encoder;

/**
 * A two-parameter Beta(a, b) per (class, node), slot class × width + node of {@code parameters};
 * the general form of the paper's B(α, 1 − α):
 *   log p(x) = (a − 1) log x + (b − 1) log(1 − x) − log B(a, b).
 *
 * <p>Outputs are clamped into [ε, 1 − ε] as in {@link BetaEncoder}; NaN scores
 * {@link HiddenEncoder#LOG_DENSITY_FLOOR}.
 */
public record BetaGeneralEncoder(int numClasses, int width, double epsilon, BetaTable parameters)
    implements HiddenEncoder {

  public static final String FAMILY = "betaGeneral";

  public BetaGeneralEncoder {
    Checks.shape(numClasses, width);
    Checks.epsilon(epsilon);
    if (Checks.present("parameters", parameters).slots() != numClasses * width) {
      throw new IllegalArgumentException("parameters hold " + parameters.slots() + " slots, expected numClasses × width = "
          + numClasses * width);
    }
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public double logDensity(int cls, int node, double h) {
    return logDensity(Checks.slot(cls, node, numClasses, width), h);
  }

  private double logDensity(int slot, double h) {
    return Double.isNaN(h) ? LOG_DENSITY_FLOOR : parameters.logDensity(slot, BetaStatistics.clamp(h, epsilon));
  }

  @Override
  public double logLikelihood(double[] hidden, int cls) {
    Checks.hidden(hidden, width);
    Checks.cls(cls, numClasses);
    double sum = 0;
    for (int i = 0; i < width; i++) {
      sum += logDensity(cls * width + i, hidden[i]);
    }
    return sum;
  }
}
