package io.penultimate.evaluation;

import java.util.ArrayDeque;

/**
 * Expected calibration error over the last {@code capacity} predictions, kept current in O(1) per
 * prediction from per-bin sums, with the same bins as {@link CalibrationError}: ECE = Σ_b
 * |hits_b − Σ confidence_b| / n, which equals Σ_b (n_b/n)·|acc_b − conf_b|.
 */
public final class RollingCalibration {
  private record Prediction(double confidence, boolean correct) {}

  private final int capacity;
  private final ArrayDeque<Prediction> window = new ArrayDeque<>();
  private final double[] confidenceSum = new double[CalibrationError.DEFAULT_BINS];
  private final int[] hits = new int[CalibrationError.DEFAULT_BINS];

  public RollingCalibration(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be at least 1, found " + capacity);
    }
    this.capacity = capacity;
  }

  /** Adds a prediction with its confidence in [0, 1], evicting the oldest when full. */
  public void add(double confidence, boolean correct) {
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("confidence must be in [0, 1], found " + confidence);
    }
    if (window.size() == capacity) {
      Prediction oldest = window.removeFirst();
      update(oldest, -1);
    }
    Prediction prediction = new Prediction(confidence, correct);
    window.addLast(prediction);
    update(prediction, 1);
  }

  private void update(Prediction prediction, int sign) {
    int b = CalibrationError.bin(prediction.confidence(), hits.length);
    confidenceSum[b] += sign * prediction.confidence();
    hits[b] += prediction.correct() ? sign : 0;
  }

  /** Drops the oldest prediction (for windows bounded by time as well as by count). */
  public void removeOldest() {
    update(window.removeFirst(), -1);
  }

  /** The window's per-bin sums: what a summary of it carries to be merged with others. */
  public CalibrationSums sums() {
    return new CalibrationSums(window.size(), hits, confidenceSum);
  }

  /** NaN while the window is empty. */
  public double expected() {
    return sums().expected();
  }
}
