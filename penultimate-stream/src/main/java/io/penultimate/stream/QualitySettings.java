package io.penultimate.stream;

import java.time.Duration;

/**
 * @param window how many labelled events the count window covers
 * @param labelRetention how long a scored event waits for its label before it is dropped
 * @param labelGrace how long a label waits for its event (still buffered, or not yet read: the
 *     two topics are read independently) before it is dead-lettered as unmatched
 * @param timeWindow how far back, in outcome timestamps, the time window reaches
 * @param timeWindowCapacity the most labelled events the time window holds (memory bound)
 */
public record QualitySettings(int window, Duration labelRetention, Duration labelGrace, Duration timeWindow, int timeWindowCapacity) {
  public QualitySettings {
    if (window < 1 || timeWindowCapacity < 1 || !isPositive(labelRetention) || !isPositive(labelGrace) || !isPositive(timeWindow)) {
      throw new IllegalArgumentException(
          "window and time-window capacity must be >= 1, label retention, label grace and time window positive; found "
              + window + ", " + timeWindowCapacity + ", " + labelRetention + ", " + labelGrace + ", " + timeWindow);
    }
  }

  private static boolean isPositive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  /** Outcomes the quality store must keep to rebuild both windows. */
  public int storedOutcomes() {
    return Math.max(window, timeWindowCapacity);
  }
}
