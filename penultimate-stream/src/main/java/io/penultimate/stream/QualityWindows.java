package io.penultimate.stream;

import java.time.Duration;

/**
 * The two rolling windows of labelled outcomes each partition's quality task keeps.
 *
 * @param count how many labelled events the count window covers
 * @param span how far back, in outcome timestamps, the time window reaches
 * @param spanCapacity the most labelled events the time window holds (memory bound)
 * @param publishInterval how often each partition's windows are summarised for the cluster-wide merge
 */
public record QualityWindows(int count, Duration span, int spanCapacity, Duration publishInterval) {
  public QualityWindows {
    if (count < 1 || spanCapacity < 1 || span.isNegative() || span.isZero() || publishInterval.isNegative() || publishInterval.isZero()) {
      throw new IllegalArgumentException("window and time-window capacity must be >= 1, the time window and the quality interval positive; found "
          + count + ", " + spanCapacity + ", " + span + ", " + publishInterval);
    }
  }

  /** Outcomes the quality store must keep to rebuild both windows. */
  public int storedOutcomes() {
    return Math.max(count, spanCapacity);
  }
}
