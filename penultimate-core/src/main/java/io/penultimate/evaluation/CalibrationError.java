package io.penultimate.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error with equal-width bins (Guo, Pleiss, Sun &amp; Weinberger 2017):
 * ECE = Σ_b (n_b / n) · |acc_b − conf_b|, where bin b holds the n_b predictions whose confidence
 * lies in it, acc_b is their share of correct predictions and conf_b their mean confidence.
 *
 * <p>Bins split [0, 1] into B equal parts and are closed on the right, (b/B, (b+1)/B], as in Guo et
 * al.'s code; a confidence of exactly 0 goes to the first bin. Confidences outside [0, 1] or NaN are
 * rejected.
 */
public final class CalibrationError {
  /** Guo et al. use 15 bins. */
  public static final int DEFAULT_BINS = 15;

  private CalibrationError() {}

  /**
   * One row of a reliability diagram. An empty bin has count 0 and NaN mean confidence and
   * accuracy: they are undefined, and 0 would draw a misleading bar.
   */
  public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {}

  public static double expected(double[] confidence, boolean[] correct) {
    return expected(confidence, correct, DEFAULT_BINS);
  }

  public static double expected(double[] confidence, boolean[] correct, int bins) {
    double ece = 0;
    for (Bin bin : reliability(confidence, correct, bins)) {
      if (bin.count() > 0) {
        ece += (double) bin.count() / confidence.length * Math.abs(bin.accuracy() - bin.meanConfidence());
      }
    }
    return ece;
  }

  /** The bin of a confidence in [0, 1]: bins are closed on the right, 0 goes to the first. */
  static int bin(double confidence, int bins) {
    return Math.max(0, (int) Math.ceil(confidence * bins) - 1);
  }

  /** The per-bin table behind {@link #expected}, every bin listed in increasing order. */
  public static List<Bin> reliability(double[] confidence, boolean[] correct, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, found " + bins);
    }
    if (confidence.length != correct.length) {
      throw new IllegalArgumentException(
          "confidences and labels differ in length: " + confidence.length + " vs " + correct.length);
    }
    if (confidence.length == 0) {
      throw new IllegalArgumentException("need at least one prediction, found none");
    }
    int[] count = new int[bins];
    int[] hits = new int[bins];
    double[] confidenceSum = new double[bins];
    for (int i = 0; i < confidence.length; i++) {
      double c = confidence[i];
      if (!(c >= 0 && c <= 1)) {
        throw new IllegalArgumentException("confidence " + i + " must be in [0, 1], found " + c);
      }
      int b = bin(c, bins);
      count[b]++;
      hits[b] += correct[i] ? 1 : 0;
      confidenceSum[b] += c;
    }
    List<Bin> table = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      double meanConfidence = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
      double accuracy = count[b] == 0 ? Double.NaN : (double) hits[b] / count[b];
      table.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b], meanConfidence, accuracy));
    }
    return List.copyOf(table);
  }
}
