package io.penultimate.encoder;

/**
 * Fits a {@link BinomialEncoder}.
 *
 * @param threshold outputs below it are bit 0, the rest bit 1 (default 0.5, the paper's)
 * @param smoothing additive pseudo-count per bin, s in P(bit) = (n_bit + s) / (n + 2s); positive
 *     (default 1, Laplace)
 */
public record BinomialFitter(double threshold, double smoothing) implements EncoderFitter<BinomialEncoder> {

  public static final double DEFAULT_THRESHOLD = 0.5;
  public static final double DEFAULT_SMOOTHING = 1;

  public BinomialFitter {
    Problems problems = new Problems().require(Double.isFinite(threshold), "threshold must be finite, found " + threshold);
    BinnedLogProbabilities.smoothing(problems, smoothing);
    problems.throwIfAny("binomial settings");
  }

  public static BinomialFitter defaults() {
    return new BinomialFitter(DEFAULT_THRESHOLD, DEFAULT_SMOOTHING);
  }

  @Override
  public BinomialEncoder fit(HiddenSamples samples) {
    double[] logProbabilities = BinnedLogProbabilities.fit(
        samples, BinomialEncoder.BINS, h -> BinomialEncoder.bit(h, threshold), smoothing);
    return new BinomialEncoder(samples.numClasses(), samples.width(), threshold, logProbabilities);
  }
}
