package io.penultimate.stream;

import java.time.Duration;

/**
 * The two rolling windows of labelled outcomes the quality processor keeps.
 *
 * @param count how many labelled events the count window covers
 * @param span how far back, in outcome timestamps, the time window reaches
 * @param spanCapacity the most labelled events the time window holds (memory bound)
 */
public record QualityWindows(int count, Duration span, int spanCapacity) {
  public QualityWindows {
    if (count < 1 || spanCapacity < 1 || span.isNegative() || span.isZero()) {
      throw new IllegalArgumentException(
          "window and time-window capacity must be >= 1 and the time window positive; found " + count + ", " + spanCapacity + ", " + span);
    }
  }

  /** Outcomes the quality store must keep to rebuild both windows. */
  public int storedOutcomes() {
    return Math.max(count, spanCapacity);
  }
}
