package io.penultimate.plot;

import io.penultimate.evaluation.CalibrationError.Bin;
import io.penultimate.evaluation.RiskCoverage;
import io.penultimate.evaluation.RocCurve.Point;
import java.util.Arrays;
import java.util.List;

/** The coordinates behind each chart, prepared without XChart: non-finite values dropped, long curves thinned, histograms binned. */
final class SeriesData {
  /** ROC curves with more points than this are thinned before drawing. */
  static final int MAX_CURVE_POINTS = 2000;

  private SeriesData() {}

  /** Coordinates of one series, {@code x[i]} paired with {@code y[i]}. */
  record XY(double[] x, double[] y) {
    XY {
      if (x.length != y.length) {
        throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
      }
    }

    int size() {
      return x.length;
    }
  }

  /** The pairs where both x and y are finite. */
  static XY finitePairs(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
    }
    double[] keptX = new double[x.length];
    double[] keptY = new double[y.length];
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        keptX[n] = x[i];
        keptY[n] = y[i];
        n++;
      }
    }
    return new XY(Arrays.copyOf(keptX, n), Arrays.copyOf(keptY, n));
  }

  /** Coverage against generalized risk, thinned by {@link #thin} when long (both rise monotonically). */
  static XY riskPoints(List<RiskCoverage.Point> points) {
    double[] x = points.stream().mapToDouble(RiskCoverage.Point::coverage).toArray();
    double[] y = points.stream().mapToDouble(RiskCoverage.Point::generalizedRisk).toArray();
    XY finite = finitePairs(x, y);
    return finite.size() > MAX_CURVE_POINTS ? thin(finite, 2.0 / MAX_CURVE_POINTS) : finite;
  }

  /** False- against true-positive rate for every point with both finite, thinned by {@link #thin} when long. */
  static XY rocPoints(List<Point> points) {
    double[] fpr = points.stream().mapToDouble(Point::fpr).toArray();
    double[] tpr = points.stream().mapToDouble(Point::tpr).toArray();
    XY finite = finitePairs(fpr, tpr);
    return finite.size() > MAX_CURVE_POINTS ? thin(finite, 2.0 / MAX_CURVE_POINTS) : finite;
  }

  /**
   * Keeps the first and last points and every point at L1 distance |Δx| + |Δy| ≥ {@code step} from
   * the last one kept. Each dropped point lies within {@code step} of a kept one, so the drawn line
   * stays within {@code step} of every point. A ROC curve is monotone from (0, 0) to (1, 1), so its
   * L1 length is at most 2 and at most 2 / step + 2 points remain.
   */
  static XY thin(XY curve, double step) {
    int n = curve.size();
    double[] keptX = new double[n];
    double[] keptY = new double[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      boolean far = kept == 0
          || Math.abs(curve.x()[i] - keptX[kept - 1]) + Math.abs(curve.y()[i] - keptY[kept - 1]) >= step;
      if (far || i == n - 1) {
        keptX[kept] = curve.x()[i];
        keptY[kept] = curve.y()[i];
        kept++;
      }
    }
    return new XY(Arrays.copyOf(keptX, kept), Arrays.copyOf(keptY, kept));
  }

  /** Mean confidence against accuracy for every bin that holds predictions and has both means finite. */
  static XY reliabilityPoints(List<Bin> bins) {
    List<Bin> filled = bins.stream().filter(bin -> bin.count() > 0).toList();
    return finitePairs(
        filled.stream().mapToDouble(Bin::meanConfidence).toArray(),
        filled.stream().mapToDouble(Bin::accuracy).toArray());
  }

  /**
   * The share of the finite values that falls in each of {@code bins} equal-width bins over
   * [min, max]: bin b is [min + b·w, min + (b+1)·w) with w = (max − min) / bins, and the last bin
   * also holds max. Values outside [min, max] fall in no bin, so the shares then sum to less than 1.
   */
  static double[] shares(double[] values, int bins, double min, double max) {
    int[] counts = new int[bins];
    for (double v : values) {
      if (Double.isFinite(v) && v >= min && v <= max) {
        counts[Math.min(bins - 1, (int) ((v - min) / (max - min) * bins))]++;
      }
    }
    int finite = finiteCount(values);
    double[] shares = new double[bins];
    for (int b = 0; b < bins; b++) {
      shares[b] = (double) counts[b] / finite;
    }
    return shares;
  }

  /** The outline of a histogram as a closed step line: up from (min, 0), across each bin's top, down to (max, 0). */
  static XY steps(double[] heights, double min, double max) {
    int bins = heights.length;
    double[] x = new double[2 * bins + 2];
    double[] y = new double[2 * bins + 2];
    x[0] = min;
    for (int b = 0; b < bins; b++) {
      x[2 * b + 1] = min + (max - min) * b / bins;
      x[2 * b + 2] = min + (max - min) * (b + 1) / bins;
      y[2 * b + 1] = heights[b];
      y[2 * b + 2] = heights[b];
    }
    x[2 * bins + 1] = max;
    return new XY(x, y);
  }

  static int finiteCount(double[] values) {
    int n = 0;
    for (double v : values) {
      n += Double.isFinite(v) ? 1 : 0;
    }
    return n;
  }
}
