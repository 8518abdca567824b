package io.penultimate.encoder;

/**
 * Fits a {@link TrinomialEncoder}.
 *
 * @param low outputs below it fall in bin 0 (default 0.1, the paper's)
 * @param high outputs above it fall in bin 2 (default 0.9); must exceed {@code low}
 * @param smoothing additive pseudo-count per bin, s in P(bin) = (n_bin + s) / (n + 3s); positive
 *     (default 1, Laplace)
 */
public record TrinomialFitter(double low, double high, double smoothing) implements EncoderFitter<TrinomialEncoder> {

  public static final double DEFAULT_LOW = 0.1;
  public static final double DEFAULT_HIGH = 0.9;
  public static final double DEFAULT_SMOOTHING = 1;

  public TrinomialFitter {
    Problems problems = TrinomialEncoder.thresholds(new Problems(), low, high);
    BinnedLogProbabilities.smoothing(problems, smoothing);
    problems.throwIfAny("trinomial settings");
  }

  public static TrinomialFitter defaults() {
    return new TrinomialFitter(DEFAULT_LOW, DEFAULT_HIGH, DEFAULT_SMOOTHING);
  }

  @Override
  public TrinomialEncoder fit(HiddenSamples samples) {
    double[] logProbabilities = BinnedLogProbabilities.fit(
        samples, TrinomialEncoder.BINS, h -> TrinomialEncoder.bin(h, low, high), smoothing);
    return new TrinomialEncoder(samples.numClasses(), samples.width(), low, high, logProbabilities);
  }
}
