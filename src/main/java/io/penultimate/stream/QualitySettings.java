package io.penultimate.stream;

import java.time.Duration;

/**
 * @param window how many labelled events the rolling AUROC and accuracy cover
 * @param labelRetention how long a scored event waits for its label before it is dropped
 */
public record QualitySettings(int window, Duration labelRetention) {
  public static QualitySettings defaults() {
    return new QualitySettings(10_000, Duration.ofHours(24));
  }

  public QualitySettings {
    if (window < 1 || labelRetention.isNegative() || labelRetention.isZero()) {
      throw new IllegalArgumentException(
          "window must be >= 1 and label retention positive, found " + window + " and " + labelRetention);
    }
  }
}
