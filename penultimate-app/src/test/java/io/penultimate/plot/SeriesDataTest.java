package io.penultimate.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.evaluation.CalibrationError.Bin;
import io.penultimate.evaluation.RocCurve;
import io.penultimate.evaluation.RocCurve.Point;
import io.penultimate.plot.SeriesData.XY;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesDataTest {

  @Test
  void thinsALongRocCurveToAtMostTwoThousandAndTwoPointsKeepingBothEnds() {
    RocCurve curve = randomCurve(1, 50_000);
    XY thinned = SeriesData.rocPoints(curve.points());
    assertThat(thinned.size()).isBetween(500, SeriesData.MAX_CURVE_POINTS + 2);
    assertThat(thinned.x()[0]).isZero();
    assertThat(thinned.y()[0]).isZero();
    assertThat(thinned.x()[thinned.size() - 1]).isEqualTo(1.0);
    assertThat(thinned.y()[thinned.size() - 1]).isEqualTo(1.0);
  }

  @Test
  void keepsEveryDroppedPointWithinOneStepOfTheLastKeptOne() {
    double step = 0.01;
    List<Point> points = randomCurve(2, 5_000).points();
    XY curve = SeriesData.finitePairs(
        points.stream().mapToDouble(Point::fpr).toArray(), points.stream().mapToDouble(Point::tpr).toArray());
    XY thinned = SeriesData.thin(curve, step);
    int k = 0;
    for (int i = 0; i < curve.size(); i++) {
      while (k + 1 < thinned.size() && thinned.x()[k + 1] == curve.x()[i] && thinned.y()[k + 1] == curve.y()[i]) {
        k++;
      }
      double distance = Math.abs(curve.x()[i] - thinned.x()[k]) + Math.abs(curve.y()[i] - thinned.y()[k]);
      assertThat(distance).as("point %d", i).isLessThan(step);
    }
    assertThat(thinned.size()).isLessThanOrEqualTo((int) (2 / step) + 2);
  }

  @Test
  void leavesAShortRocCurveUntouched() {
    RocCurve curve = randomCurve(3, 100);
    XY points = SeriesData.rocPoints(curve.points());
    assertThat(points.size()).isEqualTo(curve.points().size());
    assertThat(points.x()).containsExactly(curve.points().stream().mapToDouble(Point::fpr).toArray());
  }

  @Test
  void dropsPairsWithANonFiniteCoordinate() {
    XY pairs = SeriesData.finitePairs(
        new double[] {1, Double.NaN, 3, 4, Double.NEGATIVE_INFINITY},
        new double[] {10, 20, Double.POSITIVE_INFINITY, 40, 50});
    assertThat(pairs.x()).containsExactly(1, 4);
    assertThat(pairs.y()).containsExactly(10, 40);
  }

  @Test
  void skipsEmptyReliabilityBins() {
    List<Bin> bins = List.of(
        new Bin(0, 1.0 / 3, 4, 0.2, 0.25),
        new Bin(1.0 / 3, 2.0 / 3, 0, Double.NaN, Double.NaN),
        new Bin(2.0 / 3, 1, 2, 0.9, 1));
    XY points = SeriesData.reliabilityPoints(bins);
    assertThat(points.x()).containsExactly(0.2, 0.9);
    assertThat(points.y()).containsExactly(0.25, 1);
  }

  @Test
  void binsValuesAsSharesOfTheFiniteOnesWithMaxInTheLastBin() {
    // Six finite values: 0 and 0.2 in [0, 0.5), 0.5 and 1 in [0.5, 1]; −1 and 2 are out of range.
    double[] values = {0, 0.2, 0.5, 1, -1, 2, Double.NaN, Double.POSITIVE_INFINITY};
    double[] shares = SeriesData.shares(values, 2, 0, 1);
    assertThat(shares[0]).isCloseTo(2.0 / 6, within(1e-15));
    assertThat(shares[1]).isCloseTo(2.0 / 6, within(1e-15));
  }

  @Test
  void outlinesAHistogramAsStepsFromTheAxisBackToTheAxis() {
    XY outline = SeriesData.steps(new double[] {0.25, 0.75}, 0, 1);
    assertThat(outline.x()).containsExactly(0, 0, 0.5, 0.5, 1, 1);
    assertThat(outline.y()).containsExactly(0, 0.25, 0.25, 0.75, 0.75, 0);
  }

  /** A ROC curve of distinct scores, so one point per sample. */
  private static RocCurve randomCurve(long seed, int n) {
    Random random = new Random(seed);
    double[] scores = new double[n];
    boolean[] positives = new boolean[n];
    for (int i = 0; i < n; i++) {
      positives[i] = random.nextBoolean();
      scores[i] = random.nextGaussian() + (positives[i] ? 1 : 0);
    }
    return RocCurve.of(scores, positives);
  }
}
