package io.penultimate.encoder;

/**
 * The paper's encoder for saturated sigmoid layers (section 2.1): each node's output is reduced to
 * a bit, 0 when h < threshold and 1 otherwise, and p(h | y) is the probability of that bit for the
 * class, P(bit | y, node) stored as {@code logProbabilities[(class × width + node) × 2 + bit]}.
 *
 * <p>Scores: logDensity = log P(bit(h)); −∞ falls in bit 0, +∞ in bit 1, NaN scores
 * {@link HiddenEncoder#LOG_DENSITY_FLOOR}.
 */
public record BinomialEncoder(int numClasses, int width, double threshold, double[] logProbabilities)
    implements HiddenEncoder {

  public static final String FAMILY = "binomial";
  static final int BINS = 2;

  public BinomialEncoder {
    Checks.shape(numClasses, width);
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite, found " + threshold);
    }
    BinnedLogProbabilities.validate(logProbabilities, numClasses, width, BINS);
    logProbabilities = logProbabilities.clone();
  }

  static int bit(double h, double threshold) {
    return h < threshold ? 0 : 1;
  }

  /** P(bit | y = cls) at node {@code node}. */
  public double probability(int cls, int node, int bit) {
    if (bit != 0 && bit != 1) {
      throw new IllegalArgumentException("bit must be 0 or 1, found " + bit);
    }
    return Math.exp(logProbabilities[Checks.slot(cls, node, numClasses, width) * BINS + bit]);
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public double logDensity(int cls, int node, double h) {
    int slot = Checks.slot(cls, node, numClasses, width);
    return Double.isNaN(h) ? LOG_DENSITY_FLOOR : logProbabilities[slot * BINS + bit(h, threshold)];
  }

  @Override
  public double logLikelihood(double[] hidden, int cls) {
    Checks.hidden(hidden, width);
    Checks.cls(cls, numClasses);
    int base = cls * width * BINS;
    double sum = 0;
    for (int i = 0; i < width; i++) {
      double h = hidden[i];
      sum += Double.isNaN(h) ? LOG_DENSITY_FLOOR : logProbabilities[base + i * BINS + bit(h, threshold)];
    }
    return sum;
  }

  @Override
  public double[] logProbabilities() {
    return logProbabilities.clone();
  }
}
