package io.penultimate.evaluation;

import org.apache.commons.math3.special.Erf;

/**
 * Variance and confidence intervals of AUROC by DeLong, DeLong &amp; Clarke-Pearson (1988), in the
 * O(n log n) midrank form of Sun &amp; Xu (2014).
 *
 * <p>With m positives X, n negatives Y and ψ(x, y) = 1 if x > y, ½ if x = y, 0 otherwise, the
 * structural components (placement values) are V10(X_i) = (1/n) Σ_j ψ(X_i, Y_j) and
 * V01(Y_j) = (1/m) Σ_i ψ(X_i, Y_j). AUROC = mean V10 = mean V01 and
 * Var(AUROC) = S10/m + S01/n with S10, S01 the sample variances (denominators m−1, n−1).
 * Sun &amp; Xu: V10(X_i) = (T_Z(X_i) − T_X(X_i)) / n and V01(Y_j) = 1 − (T_Z(Y_j) − T_Y(Y_j)) / m,
 * with T the midranks in the pooled sample Z, in X alone and in Y alone.
 *
 * <p>Intervals are normal: estimate ± z₀.₉₇₅·SE. The single-AUROC interval is clipped to [0, 1]
 * as pROC does; the interval of a difference is not clipped. Both need at least two positives
 * and two negatives, since the sample variances divide by m−1 and n−1.
 */
public final class DeLong {
  /** Φ⁻¹(0.975), the two-sided 95% normal quantile. */
  private static final double Z95 = 1.959963984540054;

  private DeLong() {}

  /** AUROC with its DeLong variance and 95% interval. */
  public record AurocEstimate(double auroc, double variance, double lower95, double upper95) {}

  /**
   * Two scores of the same samples compared by DeLong's paired test: the difference A − B, its
   * standard error from the covariance of the two sets of placement values, its 95% interval and the
   * two-sided p-value of H0: AUROC_A = AUROC_B. A zero standard error (identical rankings, or two
   * perfect separations) gives p = 1 when the difference is 0 and p = 0 otherwise.
   */
  public record PairedDifference(
      double aurocA,
      double aurocB,
      double difference,
      double standardError,
      double lower95,
      double upper95,
      double pValue) {}

  public static AurocEstimate of(double[] scores, boolean[] positives) {
    Checks.labelledScores(scores, positives, 2);
    Placements p = Placements.of(scores, positives);
    double variance = covariance(p.v10, p.v10) / p.v10.length + covariance(p.v01, p.v01) / p.v01.length;
    double half = Z95 * Math.sqrt(variance);
    return new AurocEstimate(p.auroc(), variance, Math.max(0, p.auroc() - half), Math.min(1, p.auroc() + half));
  }

  public static PairedDifference paired(double[] a, double[] b, boolean[] positives) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("the two scores differ in length: " + a.length + " vs " + b.length);
    }
    Checks.labelledScores(a, positives, 2);
    Checks.labelledScores(b, positives, 2);
    Placements pa = Placements.of(a, positives);
    Placements pb = Placements.of(b, positives);
    int m = pa.v10.length;
    int n = pa.v01.length;
    double varA = covariance(pa.v10, pa.v10) / m + covariance(pa.v01, pa.v01) / n;
    double varB = covariance(pb.v10, pb.v10) / m + covariance(pb.v01, pb.v01) / n;
    double covAB = covariance(pa.v10, pb.v10) / m + covariance(pa.v01, pb.v01) / n;
    // Rounding can push a variance of a difference of near-identical scores a hair below zero.
    double se = Math.sqrt(Math.max(0, varA + varB - 2 * covAB));
    double difference = pa.auroc() - pb.auroc();
    double pValue;
    if (se == 0) {
      pValue = difference == 0 ? 1 : 0;
    } else {
      // Two-sided normal tail: 2·Φ(−|z|) = erfc(|z|/√2), accurate far into the tail.
      pValue = Erf.erfc(Math.abs(difference / se) / Math.sqrt(2));
    }
    return new PairedDifference(
        pa.auroc(), pb.auroc(), difference, se, difference - Z95 * se, difference + Z95 * se, pValue);
  }

  /** Sample covariance with denominator length − 1. */
  private static double covariance(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - mx) * (y[i] - my);
    }
    return sum / (x.length - 1);
  }

  private static double mean(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    return sum / x.length;
  }

  /** Placement values of the positives (v10) and negatives (v01), each in input order. */
  private record Placements(double[] v10, double[] v01) {

    static Placements of(double[] scores, boolean[] positives) {
      double[] x = Checks.select(scores, positives, true);
      double[] y = Checks.select(scores, positives, false);
      double[] pooled = new double[scores.length];
      System.arraycopy(x, 0, pooled, 0, x.length);
      System.arraycopy(y, 0, pooled, x.length, y.length);
      double[] tz = Ranks.midranks(pooled);
      double[] tx = Ranks.midranks(x);
      double[] ty = Ranks.midranks(y);
      double[] v10 = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        v10[i] = (tz[i] - tx[i]) / y.length;
      }
      double[] v01 = new double[y.length];
      for (int j = 0; j < y.length; j++) {
        v01[j] = 1 - (tz[x.length + j] - ty[j]) / x.length;
      }
      return new Placements(v10, v01);
    }

    double auroc() {
      return mean(v10);
    }
  }
}
