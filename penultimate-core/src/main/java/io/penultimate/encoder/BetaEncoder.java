package io.penultimate.encoder;

/**
 * The paper's Beta encoder B(α, 1 − α) (section 3): one parameter α ∈ (0, 1) per (class, node),
 * stored class-major in {@code alpha[class × width + node]}.
 *
 * <p>Outputs are clamped into [ε, 1 − ε] (the same ε as when fitting), so 0, 1, negative values,
 * values above 1 and ±∞ all score finitely at the nearest end; NaN scores
 * {@link HiddenEncoder#LOG_DENSITY_FLOOR}.
 */
public record BetaEncoder(int numClasses, int width, double epsilon, double[] alpha) implements HiddenEncoder {

  public static final String FAMILY = "beta";

  public BetaEncoder {
    Checks.shape(numClasses, width);
    Checks.epsilon(epsilon);
    Checks.length("alpha (numClasses × width)", alpha, numClasses * width);
    Checks.openInterval("alpha", alpha, 0, 1);
    alpha = alpha.clone();
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public double logDensity(int cls, int node, double h) {
    return logDensity(alpha[Checks.slot(cls, node, numClasses, width)], h);
  }

  // Beta(a, b) with a = α, b = 1 − α:
  //   log p(x) = (α − 1) log x − α log(1 − x) − log B(α, 1 − α),
  // and since Γ(1) = 1, B(α, 1 − α) = Γ(α) Γ(1 − α) = π / sin(πα) (Euler's reflection formula),
  // which is cheap enough to evaluate per call.
  private double logDensity(double a, double h) {
    if (Double.isNaN(h)) {
      return LOG_DENSITY_FLOOR;
    }
    double x = BetaStatistics.clamp(h, epsilon);
    return (a - 1) * Math.log(x) - a * Math.log1p(-x) - Math.log(Math.PI / Math.sin(Math.PI * a));
  }

  @Override
  public double logLikelihood(double[] hidden, int cls) {
    Checks.hidden(hidden, width);
    Checks.cls(cls, numClasses);
    int base = cls * width;
    double sum = 0;
    for (int i = 0; i < width; i++) {
      sum += logDensity(alpha[base + i], hidden[i]);
    }
    return sum;
  }

  @Override
  public double[] alpha() {
    return alpha.clone();
  }
}
