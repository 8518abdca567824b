package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.evaluation.RocCurve.Point;
import org.junit.jupiter.api.Test;

class RocCurveTest {

  @Test
  void stepsOncePerDistinctScoreFromOriginToTopRight() {
    // Scores 3 (pos), 2 (pos, neg tied), 1 (neg).
    RocCurve curve = RocCurve.of(new double[] {3, 2, 2, 1}, new boolean[] {true, true, false, false});
    assertThat(curve.points()).containsExactly(
        new Point(Double.POSITIVE_INFINITY, 0, 0),
        new Point(3, 0, 0.5),
        new Point(2, 0.5, 1),
        new Point(1, 1, 1));
  }

  @Test
  void hasTheAreaOfAurocBecauseTiesBecomeDiagonalSteps() {
    for (long seed = 1; seed <= 20; seed++) {
      Samples s = Samples.random(seed, 80, 0.5);
      assertThat(RocCurve.of(s.scores(), s.positives()).area()).as("seed %d", seed)
          .isCloseTo(Auroc.of(s.scores(), s.positives()), within(1e-12));
    }
  }

  @Test
  void endsAtTheTopRightEvenWithInfiniteScores() {
    RocCurve curve = RocCurve.of(
        new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
        new boolean[] {true, false, false});
    assertThat(curve.points()).containsExactly(
        new Point(Double.POSITIVE_INFINITY, 0, 0),
        new Point(Double.POSITIVE_INFINITY, 0.5, 0),
        new Point(Double.NEGATIVE_INFINITY, 1, 1));
  }

  @Test
  void rejectsAnEmptyClass() {
    assertThatThrownBy(() -> RocCurve.of(new double[] {1, 2}, new boolean[] {false, false}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0 and 2");
  }
}
