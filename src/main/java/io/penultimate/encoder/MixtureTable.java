package io.penultimate.encoder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.penultimate.math.GaussianMixture1D;
import java.util.Arrays;

/**
 * Many 1-D Gaussian mixtures of k components each, one per slot, stored flat for fast scoring:
 * component j of slot s sits at index s·k + j of {@code weights}, {@code means} and
 * {@code variances}.
 *
 * <p>A final class rather than a record because it also keeps, derived when built and never
 * serialised, the two per-component constants scoring needs, so that scoring a node costs k
 * exponentials and one logarithm:
 *   log(w N(x; μ, σ²)) = c − q (x − μ)²,  c = log w − ½ log(2πσ²),  q = 1/(2σ²).
 */
@JsonPropertyOrder({"components", "weights", "means", "variances"})
public final class MixtureTable {

  private final int components;
  private final double[] weights;
  private final double[] means;
  private final double[] variances;
  private final double[] logNormalisers;
  private final double[] halfPrecisions;

  /** Validates each slot as a {@link GaussianMixture1D} (weights positive summing to 1, variances positive, all finite). */
  @JsonCreator
  public MixtureTable(
      @JsonProperty("components") int components,
      @JsonProperty("weights") double[] weights,
      @JsonProperty("means") double[] means,
      @JsonProperty("variances") double[] variances) {
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

  @JsonProperty
  public int components() {
    return components;
  }

  @JsonProperty
  public double[] weights() {
    return weights.clone();
  }

  @JsonProperty
  public double[] means() {
    return means.clone();
  }

  @JsonProperty
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
    return HiddenEncoder.floored(unflooredLogDensity(slot * components, x));
  }

  /** Σ_i log p_{firstSlot + i}(x_i) over the vector x, each term floored. */
  double logLikelihood(double[] x, int firstSlot) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += HiddenEncoder.floored(unflooredLogDensity((firstSlot + i) * components, x[i]));
    }
    return sum;
  }

  // log Σ_j exp(t_j), t_j = c_j − q_j (x − μ_j)², by log-sum-exp around the largest term. NaN or
  // ±∞ in x makes every t_j NaN or −∞, so max stays −∞ and the result is NaN, which the caller floors.
  private double unflooredLogDensity(int offset, double x) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = offset; j < offset + components; j++) {
      double d = x - means[j];
      double t = logNormalisers[j] - halfPrecisions[j] * d * d;
      max = t > max ? t : max;
    }
    double sum = 0;
    for (int j = offset; j < offset + components; j++) {
      double d = x - means[j];
      sum += Math.exp(logNormalisers[j] - halfPrecisions[j] * d * d - max);
    }
    return max + Math.log(sum);
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
