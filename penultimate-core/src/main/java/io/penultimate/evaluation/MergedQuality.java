package io.penultimate.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The quality of the union of several windows, from their {@link WindowSummary}s alone: size,
 * accuracy and ECE exactly (counts and per-bin sums add up), AUROC within 1/m of the union's exact
 * value ({@link RankSketch}), by the Mann–Whitney count over the pooled weighted points:
 *
 * <pre>AUROC = Σ_{p correct, q wrong} w_p·w_q·([s_p > s_q] + ½[s_p = s_q]) / (Σ w_p · Σ w_q)</pre>
 *
 * The work grows with the number of summaries times their points, not with the predictions
 * they cover.
 */
public final class MergedQuality implements QualityFigures {
  private final int size;
  private final int correct;
  private final double[] aurocs;
  private final double[] eces;

  public MergedQuality(int columns, List<WindowSummary> parts) {
    for (WindowSummary part : parts) {
      if (part.columns() != columns) {
        throw new IllegalArgumentException("every summary must have " + columns + " columns, found " + part.columns());
      }
    }
    this.size = parts.stream().mapToInt(WindowSummary::size).sum();
    this.correct = parts.stream().mapToInt(WindowSummary::correct).sum();
    this.aurocs = new double[columns];
    this.eces = new double[columns];
    for (int c = 0; c < columns; c++) {
      int column = c;
      aurocs[c] = auroc(parts.stream().map(p -> p.correctScores().get(column)).toList(),
          parts.stream().map(p -> p.wrongScores().get(column)).toList());
      eces[c] = CalibrationSums.union(parts.stream().map(p -> p.calibration().get(column)).toList()).expected();
    }
  }

  private record Point(double score, double weight, boolean positive) {}

  /** The pooled AUROC of positives against negatives; NaN when either side is empty. */
  static double auroc(List<RankSketch> positives, List<RankSketch> negatives) {
    List<Point> points = new ArrayList<>();
    double positiveWeight = pool(positives, true, points);
    double negativeWeight = pool(negatives, false, points);
    if (positiveWeight == 0 || negativeWeight == 0) {
      return Double.NaN;
    }
    points.sort(Comparator.comparingDouble(Point::score));
    double u = 0;
    double negativesBelow = 0;
    for (int i = 0; i < points.size(); ) {
      double score = points.get(i).score();
      double tiedPositive = 0;
      double tiedNegative = 0;
      for (; i < points.size() && points.get(i).score() == score; i++) {
        if (points.get(i).positive()) {
          tiedPositive += points.get(i).weight();
        } else {
          tiedNegative += points.get(i).weight();
        }
      }
      u += tiedPositive * (negativesBelow + 0.5 * tiedNegative);
      negativesBelow += tiedNegative;
    }
    return u / (positiveWeight * negativeWeight);
  }

  private static double pool(List<RankSketch> sketches, boolean positive, List<Point> into) {
    double total = 0;
    for (RankSketch sketch : sketches) {
      double weight = sketch.weight();
      Arrays.stream(sketch.points()).forEach(score -> into.add(new Point(score + 0.0, weight, positive)));
      total += sketch.count();
    }
    return total;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public double accuracy() {
    return size == 0 ? Double.NaN : (double) correct / size;
  }

  @Override
  public double auroc(int column) {
    return aurocs[column];
  }

  @Override
  public double expectedCalibrationError(int column) {
    return eces[column];
  }
}
