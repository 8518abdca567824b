package io.penultimate.evaluation;

import java.util.Arrays;
import java.util.List;

/**
 * The per-bin sums behind an expected calibration error (the bins of {@link CalibrationError}):
 * predictions, hits (correct predictions) and summed confidence per bin. ECE = Σ_b |hits_b − Σ
 * confidence_b| / n needs nothing else, so sums over disjoint sets of predictions add up, and the
 * ECE of their union is exact.
 */
public record CalibrationSums(int count, int[] hits, double[] confidenceSum) {
  public CalibrationSums {
    if (count < 0 || hits.length != CalibrationError.DEFAULT_BINS || confidenceSum.length != hits.length) {
      throw new IllegalArgumentException("need a count >= 0 and " + CalibrationError.DEFAULT_BINS + " bins, found count " + count
          + ", " + hits.length + " hit bins, " + confidenceSum.length + " confidence bins");
    }
    hits = hits.clone();
    confidenceSum = confidenceSum.clone();
  }

  /** The sums over every prediction of {@code parts}. */
  public static CalibrationSums union(List<CalibrationSums> parts) {
    int count = 0;
    int[] hits = new int[CalibrationError.DEFAULT_BINS];
    double[] confidence = new double[hits.length];
    for (CalibrationSums part : parts) {
      count += part.count;
      for (int b = 0; b < hits.length; b++) {
        hits[b] += part.hits[b];
        confidence[b] += part.confidenceSum[b];
      }
    }
    return new CalibrationSums(count, hits, confidence);
  }

  /** NaN while there are no predictions. */
  public double expected() {
    if (count == 0) {
      return Double.NaN;
    }
    double gap = 0;
    for (int b = 0; b < hits.length; b++) {
      gap += Math.abs(hits[b] - confidenceSum[b]);
    }
    return gap / count;
  }

  @Override
  public int[] hits() {
    return hits.clone();
  }

  @Override
  public double[] confidenceSum() {
    return confidenceSum.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CalibrationSums that && count == that.count && Arrays.equals(hits, that.hits)
        && Arrays.equals(confidenceSum, that.confidenceSum);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * count + Arrays.hashCode(hits)) + Arrays.hashCode(confidenceSum);
  }

  @Override
  public String toString() {
    return "CalibrationSums[count=" + count + ", hits=" + Arrays.toString(hits) + ", confidenceSum=" + Arrays.toString(confidenceSum) + "]";
  }
}
