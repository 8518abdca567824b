package io.penultimate.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The empirical ROC curve of a confidence score, for plotting: one point per distinct score,
 * from (0, 0) to (1, 1). A sample counts as accepted (predicted positive) when its score is ≥ the
 * point's threshold, so all samples tied at a score enter in one step, which is a diagonal segment
 * when the tie mixes positives and negatives. Its trapezoidal {@link #area()} equals {@link Auroc}.
 */
public record RocCurve(List<Point> points) {

  /** Accepting every score ≥ {@code threshold} gives false-positive rate {@code fpr} and true-positive rate {@code tpr}. */
  public record Point(double threshold, double fpr, double tpr) {}

  public RocCurve {
    points = List.copyOf(points);
  }

  /** Throws IllegalArgumentException if a score is NaN or a class is empty. */
  public static RocCurve of(double[] scores, boolean[] positives) {
    Checks.labelledScores(scores, positives, 1);
    double[] pos = Checks.select(scores, positives, true);
    double[] neg = Checks.select(scores, positives, false);
    Arrays.sort(pos);
    Arrays.sort(neg);
    List<Point> points = new ArrayList<>();
    points.add(new Point(Double.POSITIVE_INFINITY, 0, 0));
    // Walk both ascending arrays from the top, taking every sample tied at the next lower score at once.
    int i = pos.length;
    int j = neg.length;
    while (i > 0 || j > 0) {
      double threshold = Math.max(i > 0 ? pos[i - 1] : Double.NEGATIVE_INFINITY, j > 0 ? neg[j - 1] : Double.NEGATIVE_INFINITY);
      while (i > 0 && pos[i - 1] == threshold) {
        i--;
      }
      while (j > 0 && neg[j - 1] == threshold) {
        j--;
      }
      points.add(new Point(threshold, (double) (neg.length - j) / neg.length, (double) (pos.length - i) / pos.length));
    }
    return new RocCurve(points);
  }

  /** Trapezoidal area under the points: Σ (fpr_k − fpr_{k−1}) (tpr_k + tpr_{k−1}) / 2. */
  public double area() {
    double area = 0;
    for (int k = 1; k < points.size(); k++) {
      Point a = points.get(k - 1);
      Point b = points.get(k);
      area += (b.fpr() - a.fpr()) * (b.tpr() + a.tpr()) / 2;
    }
    return area;
  }
}
