package io.penultimate.demo;

/**
 * The send rate of {@code bench stream}'s latency phase: a fixed number of events per second, or a
 * share of the unlabelled events per second that the same run of the same application reached
 * moments before. A fixed rate is a different load on each run, since the capacity of this host
 * swings widely between runs (4,112-9,871 scoring events/s over five runs of one process); a share
 * holds the load where a goal puts it ("p99 at half the measured capacity").
 *
 * @param eventsPerSecond the fixed rate, or NaN when a share is given
 * @param share of the measured capacity, in (0, 1], or NaN when a fixed rate is given
 */
public record LatencyRate(double eventsPerSecond, double share) {
  /** {@code 500} (events per second) or {@code 50%} (of the run's own unlabelled events per second). */
  public static LatencyRate parse(String text) {
    String trimmed = text.strip();
    boolean isShare = trimmed.endsWith("%");
    double value;
    try {
      value = Double.parseDouble(isShare ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (isShare && value > 0 && value <= 100) {
      return new LatencyRate(Double.NaN, value / 100);
    }
    if (!isShare && value > 0 && value < Double.POSITIVE_INFINITY) {
      return new LatencyRate(value, Double.NaN);
    }
    throw new IllegalArgumentException("--rate is events per second (> 0, e.g. 500) or a share of the run's measured unlabelled"
        + " events per second (e.g. 50%, at most 100%); found '" + text + "'");
  }

  /** The rate for a run whose unlabelled phase reached {@code capacity} events per second. */
  public double at(double capacity) {
    return Double.isNaN(share) ? eventsPerSecond : share * capacity;
  }

  @Override
  public String toString() {
    return Double.isNaN(share) ? String.format("%.0f/s", eventsPerSecond)
        : String.format("%.0f%% of each run's unlabelled events/s", 100 * share);
  }
}
