package io.penultimate.encoder;

/**
 * The paper's three-bin encoder for sigmoid layers (section 3): bin 0 when h < low, bin 2 when
 * h > high, bin 1 otherwise (so h = low and h = high are in the middle bin), with
 * P(bin | y, node) stored as {@code logProbabilities[(class × width + node) × 3 + bin]}.
 *
 * <p>Scores: logDensity = log P(bin(h)); −∞ falls in bin 0, +∞ in bin 2, NaN scores
 * {@link HiddenEncoder#LOG_DENSITY_FLOOR}.
 */
public record TrinomialEncoder(int numClasses, int width, double low, double high, double[] logProbabilities)
    implements HiddenEncoder {

  public static final String FAMILY = "trinomial";
  static final int BINS = 3;

  public TrinomialEncoder {
    Checks.shape(numClasses, width);
    thresholds(new Problems(), low, high).throwIfAny("trinomial thresholds");
    BinnedLogProbabilities.validate(logProbabilities, numClasses, width, BINS);
    logProbabilities = logProbabilities.clone();
  }

  static Problems thresholds(Problems problems, double low, double high) {
    return problems
        .require(Double.isFinite(low) && Double.isFinite(high), "thresholds must be finite, found low=" + low + " high=" + high)
        .require(low < high, "low must be below high, found low=" + low + " high=" + high);
  }

  static int bin(double h, double low, double high) {
    return h < low ? 0 : h > high ? 2 : 1;
  }

  /** P(bin | y = cls) at node {@code node}; bin 0 is h < low, 1 the middle, 2 is h > high. */
  public double probability(int cls, int node, int bin) {
    if (bin < 0 || bin >= BINS) {
      throw new IllegalArgumentException("bin must be 0, 1 or 2, found " + bin);
    }
    return Math.exp(logProbabilities[Checks.slot(cls, node, numClasses, width) * BINS + bin]);
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public double logDensity(int cls, int node, double h) {
    int slot = Checks.slot(cls, node, numClasses, width);
    return Double.isNaN(h) ? LOG_DENSITY_FLOOR : logProbabilities[slot * BINS + bin(h, low, high)];
  }

  @Override
  public double logLikelihood(double[] hidden, int cls) {
    Checks.hidden(hidden, width);
    Checks.cls(cls, numClasses);
    int base = cls * width * BINS;
    double sum = 0;
    for (int i = 0; i < width; i++) {
      double h = hidden[i];
      sum += Double.isNaN(h) ? LOG_DENSITY_FLOOR : logProbabilities[base + i * BINS + bin(h, low, high)];
    }
    return sum;
  }

  @Override
  public double[] logProbabilities() {
    return logProbabilities.clone();
  }
}
