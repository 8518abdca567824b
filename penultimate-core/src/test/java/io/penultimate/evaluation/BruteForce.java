package io.penultimate.evaluation;

/** O(n²) reference implementations straight from the pairwise definitions, used as test oracles. */
final class BruteForce {
  private BruteForce() {}

  static double psi(double positive, double negative) {
    return positive > negative ? 1 : positive == negative ? 0.5 : 0;
  }

  static double auroc(double[] scores, boolean[] positives) {
    double sum = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      for (int j = 0; j < scores.length; j++) {
        if (positives[i] && !positives[j]) {
          sum += psi(scores[i], scores[j]);
          pairs++;
        }
      }
    }
    return sum / pairs;
  }

  /** V10 for each positive (in input order): its mean ψ against all negatives. */
  static double[] v10(double[] scores, boolean[] positives) {
    return placements(scores, positives, true);
  }

  /** V01 for each negative (in input order): its mean ψ against all positives. */
  static double[] v01(double[] scores, boolean[] positives) {
    return placements(scores, positives, false);
  }

  private static double[] placements(double[] scores, boolean[] positives, boolean ofPositives) {
    int count = 0;
    for (boolean p : positives) {
      count += p == ofPositives ? 1 : 0;
    }
    double[] out = new double[count];
    int k = 0;
    for (int i = 0; i < scores.length; i++) {
      if (positives[i] != ofPositives) {
        continue;
      }
      double sum = 0;
      for (int j = 0; j < scores.length; j++) {
        if (positives[j] != ofPositives) {
          sum += ofPositives ? psi(scores[i], scores[j]) : psi(scores[j], scores[i]);
        }
      }
      out[k++] = sum / (scores.length - count);
    }
    return out;
  }

  static double covariance(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - mx) * (y[i] - my);
    }
    return sum / (x.length - 1);
  }

  /** DeLong's covariance of the AUROCs of scores a and b, from brute-force placement values. */
  static double delongCovariance(double[] a, double[] b, boolean[] positives) {
    double[] a10 = v10(a, positives);
    double[] b10 = v10(b, positives);
    double[] a01 = v01(a, positives);
    double[] b01 = v01(b, positives);
    return covariance(a10, b10) / a10.length + covariance(a01, b01) / a01.length;
  }
}
