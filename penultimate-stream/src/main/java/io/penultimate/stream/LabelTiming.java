package io.penultimate.stream;

import java.time.Duration;

/**
 * How long the label join waits, on each side, and how many labels it holds while waiting.
 *
 * @param retention how long a scored event waits for its label before it is dropped; a held label
 *     too, when no event stamped past its grace comes at all
 * @param grace how long a label waits for its event (still buffered, or not yet read: the two
 *     topics are read independently) before it is dead-lettered as unmatched, in the wall-clock
 *     time since it was held and in the record time of the events read since
 * @param maxHeld how many labels one task holds at most: a storm of labels for unknown ids would
 *     otherwise fill memory within the grace. Beyond it the oldest held label is dead-lettered.
 */
public record LabelTiming(Duration retention, Duration grace, int maxHeld) {
  /** The default of {@code --max-held-labels}. */
  public static final int DEFAULT_MAX_HELD = 100_000;

  public LabelTiming {
    if (retention.isNegative() || retention.isZero() || grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("label retention and label grace must be positive, found " + retention + " and " + grace);
    }
    if (maxHeld < 1) {
      throw new IllegalArgumentException("the held-label bound must be at least 1, found " + maxHeld);
    }
  }

  /** Holding at most {@link #DEFAULT_MAX_HELD} labels. */
  public LabelTiming(Duration retention, Duration grace) {
    this(retention, grace, DEFAULT_MAX_HELD);
  }
}
