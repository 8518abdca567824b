package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;
import java.util.Arrays;

/**
 * Many 1-D Gaussian mixtures of k components each, one per slot, stored flat for fast scoring:
 * component j of slot s sits at index s·k + j of {@code weights}, {@code means} and
 * {@code variances}.
 *
 * <p>A final class rather than a record because it also keeps, derived when built and never
 * serialised, the two per-component constants scoring needs, so that scoring a node costs no
 * logarithm of its own (see {@link #logLikelihood}) and at most k − 1 exponentials:
 *   log(w N(x; μ, σ²)) = c − q (x − μ)²,  c = log w − ½ log(2πσ²),  q = 1/(2σ²).
 */
public final class MixtureTable {

  private final int components;
  private final double[] weights;
  private final double[] means;
  private final double[] variances;
  private final double[] logNormalisers;
  private final double[] halfPrecisions;

  /** Validates each slot as a {@link GaussianMixture1D} (weights positive summing to 1, variances positive, all finite). */
  public MixtureTable(int components, double[] weights, double[] means, double[] variances) {
    Checks.present("weights", weights);
    if (components < 1 || weights.length == 0 || weights.length % components != 0) {
      throw new IllegalArgumentException("weights must hold a positive multiple of components=" + components
          + " entries, found " + weights.length);
    }
    Checks.length("means", means, weights.length);
    Checks.length("variances", variances, weights.length);
    this.components = components;
    this.weights = weights.clone();
    this.means = means.clone();
    this.variances = variances.clone();
    this.logNormalisers = new double[weights.length];
    this.halfPrecisions = new double[weights.length];
    for (int s = 0; s < slots(); s++) {
      try {
        mixture(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("slot " + s + ": " + e.getMessage(), e);
      }
    }
    for (int k = 0; k < weights.length; k++) {
      logNormalisers[k] = Math.log(weights[k]) - 0.5 * Math.log(2 * Math.PI * variances[k]);
      halfPrecisions[k] = 0.5 / variances[k];
    }
  }

  /** Packs mixtures that all have the same number of components, slot s from {@code mixtures[s]}. */
  static MixtureTable of(GaussianMixture1D[] mixtures) {
    int k = mixtures[0].components();
    double[] w = new double[mixtures.length * k];
    double[] mu = new double[w.length];
    double[] var = new double[w.length];
    for (int s = 0; s < mixtures.length; s++) {
      System.arraycopy(mixtures[s].weights(), 0, w, s * k, k);
      System.arraycopy(mixtures[s].means(), 0, mu, s * k, k);
      System.arraycopy(mixtures[s].variances(), 0, var, s * k, k);
    }
    return new MixtureTable(k, w, mu, var);
  }

  public int components() {
    return components;
  }

  public double[] weights() {
    return weights.clone();
  }

  public double[] means() {
    return means.clone();
  }

  public double[] variances() {
    return variances.clone();
  }

  public int slots() {
    return weights.length / components;
  }

  public GaussianMixture1D mixture(int slot) {
    int from = slot * components;
    return new GaussianMixture1D(
        Arrays.copyOfRange(weights, from, from + components),
        Arrays.copyOfRange(means, from, from + components),
        Arrays.copyOfRange(variances, from, from + components));
  }

  /** log p(x) for one slot, floored (see {@link HiddenEncoder#LOG_DENSITY_FLOOR}). */
  double logDensity(int slot, double x) {
    double[] terms = new double[components];
    double max = terms(slot * components, x, terms);
    return HiddenEncoder.floored(max + Math.log(scaledSum(terms, max)));
  }

  // Σ_i log p_i(x_i), slot firstSlot + i for node i. Per node, log p = M + log S with M = max_j t_j
  // and S = Σ_j exp(t_j − M) ∈ [1, k]. The logarithms are batched, Σ log S = log Π S over runs of
  // 32 nodes (Π S ≤ k^32 cannot overflow), so a node costs at most k − 1 exponentials. A node
  // that may fall below the floor (M < floor) is scored on its own and floored; NaN, ±∞ and
  // far-out values, where every t_j is NaN or −∞, score the floor.
  double logLikelihood(double[] x, int firstSlot) {
    double[] terms = new double[components];
    double sum = 0;
    double product = 1;
    for (int i = 0; i < x.length; i++) {
      double max = terms((firstSlot + i) * components, x[i], terms);
      if (max >= HiddenEncoder.LOG_DENSITY_FLOOR) {
        sum += max;
        product *= scaledSum(terms, max);
      } else {
        sum += HiddenEncoder.floored(max + Math.log(scaledSum(terms, max)));
      }
      if ((i & 31) == 31) {
        sum += Math.log(product);
        product = 1;
      }
    }
    return sum + Math.log(product);
  }

  /**
   * Fills t_j = log(w_j N(x; μ_j, σ²_j)) = c_j − q_j (x − μ_j)² and returns the largest, −∞ when
   * every term is NaN or −∞ (x NaN, ±∞ or far out).
   */
  private double terms(int offset, double x, double[] terms) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < components; j++) {
      double d = x - means[offset + j];
      terms[j] = logNormalisers[offset + j] - halfPrecisions[offset + j] * d * d;
      max = terms[j] > max ? terms[j] : max;
    }
    return max;
  }

  // S = Σ_j exp(t_j − M). The largest term contributes exp(0) = 1, and a term below
  // exp(−40) < 1e-17 cannot change S ≥ 1 at double precision, so neither costs an exponential.
  // NaN when M = −∞, which the caller floors.
  private static double scaledSum(double[] terms, double max) {
    double sum = 0;
    for (double t : terms) {
      double e = t - max;
      sum += e == 0 ? 1 : e > -40 ? Math.exp(e) : 0;
    }
    return max == Double.NEGATIVE_INFINITY ? Double.NaN : sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MixtureTable t
        && components == t.components
        && Arrays.equals(weights, t.weights)
        && Arrays.equals(means, t.means)
        && Arrays.equals(variances, t.variances);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * components + Arrays.hashCode(weights)) + Arrays.hashCode(means)) + Arrays.hashCode(variances);
  }

  @Override
  public String toString() {
    return "MixtureTable[components=" + components + ", slots=" + slots() + "]";
  }
}
