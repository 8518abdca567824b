package io.penultimate.encoder;

import org.apache.commons.math3.special.Gamma;

/**
 * A two-parameter Beta(a, b) per (class, node), stored class-major in
 * {@code a[class × width + node]} and {@code b[...]}; the general form of the paper's B(α, 1 − α).
 *
 * <p>Outputs are clamped into [ε, 1 − ε] as in {@link BetaEncoder}; NaN scores
 * {@link HiddenEncoder#LOG_DENSITY_FLOOR}.
 */
public record BetaGeneralEncoder(int numClasses, int width, double epsilon, double[] a, double[] b)
    implements HiddenEncoder {

  public static final String FAMILY = "betaGeneral";

  public BetaGeneralEncoder {
    Checks.shape(numClasses, width);
    Checks.epsilon(epsilon);
    Checks.length("a (numClasses × width)", a, numClasses * width);
    Checks.length("b (numClasses × width)", b, numClasses * width);
    Checks.openInterval("a", a, 0, Double.POSITIVE_INFINITY);
    Checks.openInterval("b", b, 0, Double.POSITIVE_INFINITY);
    a = a.clone();
    b = b.clone();
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public double logDensity(int cls, int node, double h) {
    int slot = Checks.slot(cls, node, numClasses, width);
    return logDensity(a[slot], b[slot], h);
  }

  //   log p(x) = (a − 1) log x + (b − 1) log(1 − x) − log B(a, b),
  //   log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b).
  private double logDensity(double a, double b, double h) {
    if (Double.isNaN(h)) {
      return LOG_DENSITY_FLOOR;
    }
    double x = BetaStatistics.clamp(h, epsilon);
    return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b);
  }

  static double logBeta(double a, double b) {
    return Gamma.logGamma(a) + Gamma.logGamma(b) - Gamma.logGamma(a + b);
  }

  @Override
  public double logLikelihood(double[] hidden, int cls) {
    Checks.hidden(hidden, width);
    Checks.cls(cls, numClasses);
    int base = cls * width;
    double sum = 0;
    for (int i = 0; i < width; i++) {
      sum += logDensity(a[base + i], b[base + i], hidden[i]);
    }
    return sum;
  }

  @Override
  public double[] a() {
    return a.clone();
  }

  @Override
  public double[] b() {
    return b.clone();
  }
}
