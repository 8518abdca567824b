package io.penultimate.measure;

import io.penultimate.math.GaussianMixture1D;
import io.penultimate.math.Stats;
import java.util.Arrays;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Differential entropy H(p) = −∫ p(h) log p(h) dh of a one-dimensional Gaussian mixture
 * p = Σ_k w_k N(μ_k, σ_k²), in nats. It has no closed form; three estimates sit side by side.
 */
public final class MixtureEntropy {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  /** Integration covers μ_k ± 8σ_k of every component: the mass left out is below 1e-15. */
  private static final int REACH_IN_SIGMAS = 8;
  /** Gauss–Legendre order per sub-interval; sub-intervals are at most about one σ wide. */
  private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(12);

  private MixtureEntropy() {}

  /**
   * The paper's eq. 2, corrected. Jensen's inequality on the concave log,
   * log Σ_k w_k N_k(h) ≥ Σ_k w_k log N_k(h), bounds the entropy from ABOVE by the weighted cross
   * entropies of the components:
   * H ≤ Σ_{j,k} w_j w_k ( ((μ_j − μ_k)² + σ_j²) / (2σ_k²) + ½ log(2π σ_k²) ).
   * The printed formula drops the minus sign of H = −∫ p log p and writes ½ log σ and log 2π where
   * the Gaussian cross entropy has log σ = ½ log σ² and ½ log 2π. The bound is exact for a single
   * component and grows like the squared separation of components, so it overstates the entropy
   * of well-separated mixtures.
   */
  public static double paperApproximation(GaussianMixture1D p) {
    double h = 0;
    for (int j = 0; j < p.components(); j++) {
      for (int k = 0; k < p.components(); k++) {
        double d = p.means()[j] - p.means()[k];
        double vk = p.variances()[k];
        h += p.weights()[j] * p.weights()[k] * ((d * d + p.variances()[j]) / (2 * vk) + 0.5 * (LOG_2PI + Math.log(vk)));
      }
    }
    return h;
  }

  /**
   * The companion lower bound of Huber, Bailey, Durrant-Whyte &amp; Hanebeck (2008), Jensen applied
   * the other way, to E_p[−log p] component by component:
   * H ≥ −Σ_j w_j log Σ_k w_k z_jk, with z_jk = ∫ N_j N_k = N(μ_j; μ_k, σ_j² + σ_k²).
   * For a single component it gives ½ log(4πσ²) against the true ½ log(2πeσ²), and for
   * well-separated components the same offset ½(1 − ln 2) ≈ 0.153 nats appears in every term, so the
   * offset cancels in a difference of entropies such as the mutual information in those limits.
   */
  public static double overlapLowerBound(GaussianMixture1D p) {
    double h = 0;
    double[] terms = new double[p.components()];
    for (int j = 0; j < p.components(); j++) {
      for (int k = 0; k < p.components(); k++) {
        double v = p.variances()[j] + p.variances()[k];
        double d = p.means()[j] - p.means()[k];
        terms[k] = Math.log(p.weights()[k]) - 0.5 * (LOG_2PI + Math.log(v)) - d * d / (2 * v);
      }
      h -= p.weights()[j] * Stats.logSumExp(terms);
    }
    return h;
  }

  /**
   * −∫ p log p by Gauss–Legendre quadrature on sub-intervals cut at μ_k + mσ_k, m = −8..8, for every
   * component k, so that each component, however narrow, is resolved on its own scale. Cuts closer
   * than a quarter of the smallest σ are merged to bound the work when many components overlap.
   * Accurate to about 1e-10 nats.
   */
  public static double numerical(GaussianMixture1D p) {
    double[] cuts = cuts(p);
    double h = 0;
    for (int s = 1; s < cuts.length; s++) {
      double half = (cuts[s] - cuts[s - 1]) / 2;
      double mid = (cuts[s] + cuts[s - 1]) / 2;
      for (int q = 0; q < RULE.getNumberOfPoints(); q++) {
        double logDensity = p.logDensity(mid + half * RULE.getPoint(q));
        // exp underflows to 0 in the far tails, where 0 · log p = 0 is the right limit.
        h -= half * RULE.getWeight(q) * Math.exp(logDensity) * logDensity;
      }
    }
    return h;
  }

  private static double[] cuts(GaussianMixture1D p) {
    int perComponent = 2 * REACH_IN_SIGMAS + 1;
    double[] all = new double[p.components() * perComponent];
    double minSigma = Double.POSITIVE_INFINITY;
    for (int k = 0; k < p.components(); k++) {
      double sigma = Math.sqrt(p.variances()[k]);
      minSigma = Math.min(minSigma, sigma);
      for (int m = -REACH_IN_SIGMAS; m <= REACH_IN_SIGMAS; m++) {
        all[k * perComponent + m + REACH_IN_SIGMAS] = p.means()[k] + m * sigma;
      }
    }
    Arrays.sort(all);
    double minGap = minSigma / 4;
    double[] kept = new double[all.length];
    int n = 0;
    for (double c : all) {
      if (n == 0 || c - kept[n - 1] >= minGap) {
        kept[n++] = c;
      }
    }
    // The outermost cut must stay, or the last component's far tail would be cut short.
    if (kept[n - 1] < all[all.length - 1]) {
      kept[n - 1] = all[all.length - 1];
    }
    return Arrays.copyOf(kept, n);
  }
}
