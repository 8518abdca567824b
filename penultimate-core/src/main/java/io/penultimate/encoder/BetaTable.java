package io.penultimate.encoder;

import java.util.Arrays;
import org.apache.commons.math3.special.Gamma;

/**
 * Beta(a, b) densities, one per slot, stored flat: slot s has parameters {@code a[s]} and
 * {@code b[s]}, both positive and finite.
 *
 * <p>A final class rather than a record because it also keeps, derived when built and never
 * serialised, the normaliser log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) of every slot:
 * three log-gamma evaluations per node would dominate scoring.
 */
public final class BetaTable {

  private final double[] a;
  private final double[] b;
  private final double[] logBeta;

  public BetaTable(double[] a, double[] b) {
    Checks.length("b", b, Checks.present("a", a).length);
    Checks.openInterval("a", a, 0, Double.POSITIVE_INFINITY);
    Checks.openInterval("b", b, 0, Double.POSITIVE_INFINITY);
    this.a = a.clone();
    this.b = b.clone();
    this.logBeta = new double[a.length];
    for (int s = 0; s < a.length; s++) {
      logBeta[s] = Gamma.logGamma(a[s]) + Gamma.logGamma(b[s]) - Gamma.logGamma(a[s] + b[s]);
    }
  }

  public double[] a() {
    return a.clone();
  }

  public double[] b() {
    return b.clone();
  }

  public int slots() {
    return a.length;
  }

  /** log p(x) = (a − 1) log x + (b − 1) log(1 − x) − log B(a, b), for x in (0, 1). */
  double logDensity(int slot, double x) {
    return (a[slot] - 1) * Math.log(x) + (b[slot] - 1) * Math.log1p(-x) - logBeta[slot];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BetaTable t && Arrays.equals(a, t.a) && Arrays.equals(b, t.b);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(a) + Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return "BetaTable[slots=" + slots() + "]";
  }
}
