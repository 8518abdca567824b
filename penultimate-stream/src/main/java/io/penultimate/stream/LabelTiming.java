package io.penultimate.stream;

import java.time.Duration;

/**
 * How long the label join waits, on each side.
 *
 * @param retention how long a scored event waits for its label before it is dropped
 * @param grace how long a label waits for its event (still buffered, or not yet read: the two
 *     topics are read independently) before it is dead-lettered as unmatched
 */
public record LabelTiming(Duration retention, Duration grace) {
  public LabelTiming {
    if (retention.isNegative() || retention.isZero() || grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("label retention and label grace must be positive, found " + retention + " and " + grace);
    }
  }
}
