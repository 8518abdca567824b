package io.penultimate.encoder;

import org.apache.commons.math3.special.Gamma;

/**
 * Fits a {@link BetaGeneralEncoder} Beta(a, b) per (class, node) by maximum likelihood.
 *
 * <p>A class without samples gets Beta(1, 1), the uniform density on [0, 1]. The maximum
 * likelihood estimate does not exist when all of a slot's (clamped) values are equal, and grows
 * without bound as they approach that, so the concentration a + b is capped at
 * {@value #MAX_CONCENTRATION}, keeping a / (a + b) at the data's mean.
 *
 * @param epsilon outputs are clamped into [ε, 1 − ε] when fitting and scoring; in (0, 0.5),
 *     default 1e-4
 */
public record BetaGeneralFitter(double epsilon) implements EncoderFitter<BetaGeneralEncoder> {

  public static final double DEFAULT_EPSILON = 1e-4;
  public static final double MAX_CONCENTRATION = 1e6;
  private static final int MAX_NEWTON_STEPS = 100;
  private static final double RELATIVE_TOLERANCE = 1e-10;

  public BetaGeneralFitter {
    Checks.epsilon(epsilon);
  }

  public static BetaGeneralFitter defaults() {
    return new BetaGeneralFitter(DEFAULT_EPSILON);
  }

  @Override
  public BetaGeneralEncoder fit(HiddenSamples samples) {
    BetaStatistics stats = BetaStatistics.of(samples, epsilon);
    int slots = stats.counts().length;
    double[] a = new double[slots];
    double[] b = new double[slots];
    for (int s = 0; s < slots; s++) {
      double[] ab = stats.counts()[s] == 0
          ? new double[] {1, 1}
          : maximumLikelihood(stats.meanLog()[s], stats.meanLog1m()[s], stats.mean()[s], stats.meanSquare()[s]);
      a[s] = ab[0];
      b[s] = ab[1];
    }
    return new BetaGeneralEncoder(samples.numClasses(), samples.width(), epsilon, new BetaTable(a, b));
  }

  // Mean log-likelihood, with L0 = mean log x and L1 = mean log(1 − x):
  //   ℓ(a, b) = (a − 1) L0 + (b − 1) L1 − log B(a, b)
  //   ∇ℓ = (L0 − ψ(a) + ψ(a + b),  L1 − ψ(b) + ψ(a + b))
  //   ∇²ℓ = [[ψ'(a + b) − ψ'(a), ψ'(a + b)], [ψ'(a + b), ψ'(a + b) − ψ'(b)]]   (negative definite)
  // ℓ is concave (log B is convex), so Newton's method from the method-of-moments start
  //   a = m c, b = (1 − m) c, c = m (1 − m) / v − 1   (mean m, variance v)
  // converges; each step is halved until it keeps a, b > 0 and does not lower ℓ.
  static double[] maximumLikelihood(double meanLog, double meanLog1m, double mean, double meanSquare) {
    double variance = meanSquare - mean * mean;
    double concentration = variance > 0 ? mean * (1 - mean) / variance - 1 : MAX_CONCENTRATION;
    concentration = Math.min(MAX_CONCENTRATION, Math.max(concentration, 1e-3));
    double a = mean * concentration;
    double b = (1 - mean) * concentration;
    for (int step = 0; step < MAX_NEWTON_STEPS && a + b < MAX_CONCENTRATION; step++) {
      double psiSum = Gamma.digamma(a + b);
      double ga = meanLog - Gamma.digamma(a) + psiSum;
      double gb = meanLog1m - Gamma.digamma(b) + psiSum;
      double hab = Gamma.trigamma(a + b);
      double haa = hab - Gamma.trigamma(a);
      double hbb = hab - Gamma.trigamma(b);
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(haa * gb - hab * ga) / det;
      double current = logLikelihood(a, b, meanLog, meanLog1m);
      double t = 1;
      while (t > 1e-12 && !(a + t * da > 0 && b + t * db > 0
          && logLikelihood(a + t * da, b + t * db, meanLog, meanLog1m) >= current - 1e-14 * Math.abs(current))) {
        t /= 2;
      }
      if (t <= 1e-12) {
        break;
      }
      double nextA = a + t * da;
      double nextB = b + t * db;
      boolean converged = Math.abs(nextA - a) <= RELATIVE_TOLERANCE * a && Math.abs(nextB - b) <= RELATIVE_TOLERANCE * b;
      a = nextA;
      b = nextB;
      if (converged) {
        break;
      }
    }
    double scale = Math.min(1, MAX_CONCENTRATION / (a + b));
    return new double[] {a * scale, b * scale};
  }

  private static double logLikelihood(double a, double b, double meanLog, double meanLog1m) {
    return (a - 1) * meanLog + (b - 1) * meanLog1m - (Gamma.logGamma(a) + Gamma.logGamma(b) - Gamma.logGamma(a + b));
  }
}
