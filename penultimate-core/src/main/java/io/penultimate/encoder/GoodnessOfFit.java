package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.math3.special.Erf;

/**
 * Goodness of fit R² of fitted mixtures to the values they were fitted on.
 *
 * <p>The paper reports a "mean fit R²" of 95.2% for 3-component mixtures per class and node and
 * 81.1% for 10-component mixtures per node over all classes, without defining it. We define it,
 * for one (class, node) with values x_1..x_n and the mixture's CDF
 * F(x) = Σ_j w_j Φ((x − μ_j)/σ_j), as the coefficient of determination between the density
 * histogram and the mixture's mean density per bin:
 * <ul>
 *   <li>B equal-width bins over [min x, max x], width Δ = (max − min)/B, the last bin closed;
 *   <li>empirical density e_b = n_b / (n Δ);
 *   <li>fitted density f_b = (F(right edge) − F(left edge)) / Δ, where the first bin's left edge
 *       and the last bin's right edge are taken as −∞ and +∞: the histogram holds every value, so
 *       the outer bins also receive the mixture's tails and both sides carry total mass 1 (this
 *       matters for a spike of ReLU zeros at the minimum, half of whose fitted mass lies below it);
 *   <li>R² = 1 − Σ_b (e_b − f_b)² / Σ_b (e_b − ē)², with ē the mean of the e_b.
 * </ul>
 * R² is 1 for a perfect fit and can be negative for a bad one. It is undefined, and the pair
 * skipped, when the values do not spread (max = min, including a single sample or an empty
 * class) or the histogram is flat (Σ_b (e_b − ē)² = 0). The mean is taken over the (class, node)
 * pairs, or the nodes for the pooled encoder, where it is defined.
 *
 * <p>On a ReLU layer most values are exact zeros, and one narrow component fitting that spike
 * makes R² near 1 whatever the rest looks like. {@link Values#POSITIVE} therefore measures the
 * positive part alone: the values above 0 against the mixture conditioned on x &gt; 0, that is
 * bins over [min x₊, max x₊], f_b = (F(right) − F(left)) / ((1 − F(0)) Δ), the first bin's left
 * edge at 0 instead of −∞. On a layer without zeros (sigmoid) it differs from the whole only by
 * the mixture's mass below 0. A pair whose mixture puts no mass above 0 is skipped.
 *
 * @param bins B, at least 2 (default 50)
 */
public record GoodnessOfFit(int bins) {

  public static final int DEFAULT_BINS = 50;
  private static final double SQRT_2 = Math.sqrt(2);

  /** Which of a node's values R² is measured on. */
  public enum Values {
    ALL,
    /** Values above 0, against the mixture conditioned on x &gt; 0. */
    POSITIVE
  }

  public GoodnessOfFit {
    if (bins < 2) {
      throw new IllegalArgumentException("bins must be at least 2, found " + bins);
    }
  }

  public static GoodnessOfFit defaults() {
    return new GoodnessOfFit(DEFAULT_BINS);
  }

  /**
   * Mean R² and how many pairs it covers.
   *
   * @param meanRSquared mean over the evaluated pairs; NaN when none could be evaluated
   */
  public record Summary(double meanRSquared, int evaluated, int skipped) {}

  /**
   * The two densities R² compares, bin by bin over [min, max] (B bins): what a plot of the fit draws.
   *
   * @param empirical e_b, the values' density histogram
   * @param fitted f_b, the mixture's mean density per bin, the outer bins with its tails
   */
  public record Binned(double min, double max, double[] empirical, double[] fitted) {
    /** R², NaN when the histogram is flat. */
    public double rSquared() {
      double mean = Arrays.stream(empirical).average().orElse(Double.NaN);
      double residual = 0;
      double total = 0;
      for (int b = 0; b < empirical.length; b++) {
        residual += (empirical[b] - fitted[b]) * (empirical[b] - fitted[b]);
        total += (empirical[b] - mean) * (empirical[b] - mean);
      }
      return total > 0 ? 1 - residual / total : Double.NaN;
    }
  }

  /** R² of one mixture against values, empty when undefined. */
  public OptionalDouble rSquared(double[] values, GaussianMixture1D mixture) {
    return rSquared(values, mixture, Values.ALL);
  }

  /** R² of one mixture against all values or their positive part, empty when undefined. */
  public OptionalDouble rSquared(double[] values, GaussianMixture1D mixture, Values part) {
    double r2 = binned(values, mixture, part).map(Binned::rSquared).orElse(Double.NaN);
    return Double.isNaN(r2) ? OptionalDouble.empty() : OptionalDouble.of(r2);
  }

  /** The histogram of values beside the mixture's density per bin, empty when the values do not spread. */
  public Optional<Binned> binned(double[] values, GaussianMixture1D mixture) {
    return binned(values, mixture, Values.ALL);
  }

  /**
   * The histogram of all values, or of the positive ones, beside the mixture's density per bin
   * (conditioned on x &gt; 0 for the positive part); empty when those values do not spread or the
   * mixture has no mass above 0.
   */
  public Optional<Binned> binned(double[] values, GaussianMixture1D mixture, Values part) {
    double[] measured = part == Values.ALL ? values : Arrays.stream(values).filter(x -> x > 0).toArray();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : measured) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double below = part == Values.ALL ? 0 : cdf(mixture, 0);
    if (!(max > min) || !(below < 1)) {
      return Optional.empty();
    }
    double width = (max - min) / bins;
    double[] empirical = new double[bins];
    for (double x : measured) {
      empirical[Math.min(bins - 1, (int) ((x - min) / width))] += 1.0 / (measured.length * width);
    }
    double[] fitted = new double[bins];
    for (int b = 0; b < bins; b++) {
      double right = b == bins - 1 ? 1 : cdf(mixture, min + (b + 1) * width);
      double left = b == 0 ? below : cdf(mixture, min + b * width);
      fitted[b] = (right - left) / ((1 - below) * width);
    }
    return Optional.of(new Binned(min, max, empirical, fitted));
  }

  /** Mean R² over the (class, node) pairs of a per-class mixture encoder. */
  public Summary meanRSquared(HiddenSamples samples, GaussianMixtureEncoder encoder, Values part) {
    Mean mean = new Mean();
    for (int c = 0; c < encoder.numClasses(); c++) {
      for (int i = 0; i < encoder.width(); i++) {
        mean.add(rSquared(samples.values(i, c), encoder.mixture(c, i), part));
      }
    }
    return mean.summary();
  }

  /** Mean R² over the nodes of a pooled mixture encoder, against each node's values over all classes. */
  public Summary meanRSquared(HiddenSamples samples, PooledMixtureEncoder encoder, Values part) {
    Mean mean = new Mean();
    for (int i = 0; i < encoder.width(); i++) {
      mean.add(rSquared(samples.values(i), encoder.mixture(i), part));
    }
    return mean.summary();
  }

  // F(x) = Σ_j w_j Φ((x − μ_j)/σ_j), Φ(z) = ½ erfc(−z/√2) (erfc keeps the lower tail accurate).
  private static double cdf(GaussianMixture1D mixture, double x) {
    double sum = 0;
    for (int j = 0; j < mixture.components(); j++) {
      double z = (x - mixture.means()[j]) / Math.sqrt(mixture.variances()[j]);
      sum += mixture.weights()[j] * 0.5 * Erf.erfc(-z / SQRT_2);
    }
    return sum;
  }

  private static final class Mean {
    private double sum;
    private int evaluated;
    private int skipped;

    void add(OptionalDouble r2) {
      if (r2.isPresent()) {
        sum += r2.getAsDouble();
        evaluated++;
      } else {
        skipped++;
      }
    }

    Summary summary() {
      return new Summary(evaluated > 0 ? sum / evaluated : Double.NaN, evaluated, skipped);
    }
  }
}
