package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;
import java.util.Arrays;

/**
 * Fits a 1-D Gaussian mixture p(x) = Σ_k w_k N(x; μ_k, σ²_k) to one slot's values by EM
 * (Dempster, Laird and Rubin 1977) on a binned summary of the values.
 *
 * <p>Binning (see {@link BinnedValues}) keeps each bin's exact count n_b, mean m_b and scatter
 * S_b = Σ(x − m_b)², so only the E-step is approximate: responsibilities are evaluated at the bin
 * mean, r_bk = w_k N(m_b; μ_k, σ²_k) / Σ_j w_j N(m_b; μ_j, σ²_j), and shared by the bin's values.
 * The M-step then is exact given those responsibilities:
 *   N_k = Σ_b r_bk n_b,  w_k = N_k / N,  μ_k = Σ_b r_bk n_b m_b / N_k,
 *   σ²_k = max(floor, Σ_b r_bk (S_b + n_b m_b²) / N_k − μ_k²).
 * With 1024 bins an iteration costs the same for 6,000 or 60,000 values. The work runs on
 * standardised values (x − mean)/sd for numerical stability and is mapped back at the end.
 *
 * <p>Deterministic start: cut the values, in increasing order, into k equal-count slices (a bin
 * straddling a cut is split pro rata), and start each component at its slice's mean and variance
 * with weight 1/k. A component whose mass vanishes keeps its mean and variance with weight
 * {@value #MIN_WEIGHT} (weights are then renormalised), so that every weight stays positive.
 */
final class HistogramEm {

  static final double MIN_WEIGHT = 1e-12;
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private final MixtureSettings settings;

  HistogramEm(MixtureSettings settings) {
    this.settings = settings;
  }

  /** Fits at least one value; values with (nearly) no spread give k identical components at the floor variance. */
  GaussianMixture1D fit(double[] values) {
    int k = settings.components();
    BinnedValues bins = BinnedValues.of(values, settings.histogramBins());
    double n = values.length;
    double shifted = 0; // Σ n_b (m_b − m_0): exact for a constant slot, accurate for a large common offset
    for (int b = 0; b < bins.size(); b++) {
      shifted += bins.counts()[b] * (bins.means()[b] - bins.means()[0]);
    }
    double mean = bins.means()[0] + shifted / n;
    double variance = 0;
    for (int b = 0; b < bins.size(); b++) {
      double d = bins.means()[b] - mean;
      variance += (bins.scatters()[b] + bins.counts()[b] * d * d) / n;
    }
    double floor = Math.max(settings.absoluteVarianceFloor(), settings.relativeVarianceFloor() * variance);
    double[] w = new double[k];
    double[] mu = new double[k];
    double[] var = new double[k];
    Arrays.fill(w, 1.0 / k);
    if (variance <= floor) {
      Arrays.fill(mu, mean);
      Arrays.fill(var, floor);
      return new GaussianMixture1D(w, mu, var);
    }
    double sd = Math.sqrt(variance);
    BinnedValues z = bins.standardized(mean, sd);
    startFromSlices(z, n, floor / variance, mu, var);
    iterate(z, n, floor / variance, w, mu, var);
    for (int j = 0; j < k; j++) {
      mu[j] = mean + sd * mu[j];
      var[j] = variance * var[j];
    }
    return new GaussianMixture1D(w, mu, var);
  }

  /** Component j starts from the values of ranks [jN/k, (j+1)N/k). */
  private static void startFromSlices(BinnedValues z, double n, double floor, double[] mu, double[] var) {
    int k = mu.length;
    double[] mass = new double[k];
    double[] sum = new double[k];
    double[] sumSquares = new double[k];
    double start = 0;
    for (int b = 0; b < z.size(); b++) {
      double end = start + z.counts()[b];
      double m = z.means()[b];
      double meanSquare = z.scatters()[b] / z.counts()[b] + m * m;
      for (int j = (int) (start * k / n); j < k && j * n / k < end; j++) {
        double overlap = Math.min(end, (j + 1) * n / k) - Math.max(start, j * n / k);
        if (overlap > 0) {
          mass[j] += overlap;
          sum[j] += overlap * m;
          sumSquares[j] += overlap * meanSquare;
        }
      }
      start = end;
    }
    for (int j = 0; j < k; j++) {
      mu[j] = mass[j] > 0 ? sum[j] / mass[j] : 0;
      var[j] = Math.max(floor, mass[j] > 0 ? sumSquares[j] / mass[j] - mu[j] * mu[j] : 1);
    }
  }

  private void iterate(BinnedValues z, double n, double floor, double[] w, double[] mu, double[] var) {
    int k = w.length;
    double[] logNorm = new double[k];
    double[] halfPrecision = new double[k];
    double[] t = new double[k];
    double[] mass = new double[k];
    double[] sum = new double[k];
    double[] sumSquares = new double[k];
    double previous = Double.NEGATIVE_INFINITY;
    for (int iteration = 0; iteration < settings.maxIterations(); iteration++) {
      for (int j = 0; j < k; j++) {
        logNorm[j] = Math.log(w[j]) - HALF_LOG_2PI - 0.5 * Math.log(var[j]);
        halfPrecision[j] = 0.5 / var[j];
      }
      Arrays.fill(mass, 0);
      Arrays.fill(sum, 0);
      Arrays.fill(sumSquares, 0);
      double logLikelihood = 0;
      for (int b = 0; b < z.size(); b++) {
        double m = z.means()[b];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
          double d = m - mu[j];
          t[j] = logNorm[j] - halfPrecision[j] * d * d;
          max = Math.max(max, t[j]);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
          // exp(−40) < 1e-17 is below double precision next to the largest term's exp(0) = 1, so
          // skipping it changes nothing; most of the 10 pooled components are that far from a bin.
          t[j] = t[j] - max < -40 ? 0 : Math.exp(t[j] - max);
          total += t[j];
        }
        double count = z.counts()[b];
        logLikelihood += count * (max + Math.log(total));
        double meanSquare = z.scatters()[b] / count + m * m;
        for (int j = 0; j < k; j++) {
          double r = count * t[j] / total;
          mass[j] += r;
          sum[j] += r * m;
          sumSquares[j] += r * meanSquare;
        }
      }
      maximise(n, floor, mass, sum, sumSquares, w, mu, var);
      if (Math.abs(logLikelihood - previous) < settings.tolerance() * n) {
        return;
      }
      previous = logLikelihood;
    }
  }

  private static void maximise(
      double n, double floor, double[] mass, double[] sum, double[] sumSquares, double[] w, double[] mu, double[] var) {
    double totalWeight = 0;
    for (int j = 0; j < w.length; j++) {
      if (mass[j] > MIN_WEIGHT * n) {
        w[j] = mass[j] / n;
        mu[j] = sum[j] / mass[j];
        var[j] = Math.max(floor, sumSquares[j] / mass[j] - mu[j] * mu[j]);
      } else {
        w[j] = MIN_WEIGHT;
      }
      totalWeight += w[j];
    }
    for (int j = 0; j < w.length; j++) {
      w[j] /= totalWeight;
    }
  }
}
