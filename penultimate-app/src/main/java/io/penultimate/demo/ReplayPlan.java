package io.penultimate.demo;

import io.penultimate.data.LabeledSamples;
import java.time.Duration;

/**
 * What {@link EventReplay} sends: in-distribution images, optionally mixed with a share of
 * out-of-distribution images (ids {@code ood-N}, never labelled: their true class is none of the
 * model's), at a rate, with labels inside the events or published later on a labels topic.
 *
 * @param outOfDistribution null for none
 * @param count events to send; 0 sends until interrupted
 * @param ratePerSecond 0 sends as fast as possible
 * @param labelsTopic where delayed labels go, or null for none
 */
public record ReplayPlan(
    LabeledSamples inDistribution,
    LabeledSamples outOfDistribution,
    double oodShare,
    int count,
    double ratePerSecond,
    boolean labelsInEvents,
    String labelsTopic,
    Duration labelDelay,
    String idPrefix) {

  public static final String OOD_PREFIX = "ood-";

  public ReplayPlan {
    if (!(oodShare >= 0 && oodShare <= 1) || (oodShare > 0 && outOfDistribution == null)) {
      throw new IllegalArgumentException("OOD share must be in [0, 1] and needs an OOD data set, found " + oodShare);
    }
    if (count < 0 || !(ratePerSecond >= 0) || labelDelay.isNegative()) {
      throw new IllegalArgumentException(
          "count, rate and label delay must not be negative, found " + count + ", " + ratePerSecond + ", " + labelDelay);
    }
  }
}
