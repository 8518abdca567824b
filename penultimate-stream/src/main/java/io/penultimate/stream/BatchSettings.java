package io.penultimate.stream;

import java.time.Duration;

/**
 * How events are batched for inference: a batch goes through the network when {@code size}
 * events are buffered, or {@code linger} after the last flush, whichever comes first.
 */
public record BatchSettings(int size, Duration linger) {
  public BatchSettings {
    if (size < 1 || linger.isNegative() || linger.isZero()) {
      throw new IllegalArgumentException("batch size must be >= 1 and linger positive, found " + size + " and " + linger);
    }
  }
}
