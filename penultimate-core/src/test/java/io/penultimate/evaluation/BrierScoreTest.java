package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BrierScoreTest {

  @Test
  void averagesTheSquaredGapBetweenConfidenceAndOutcome() {
    // (0.9 − 1)² + (0.2 − 0)² + (0.6 − 0)² = 0.01 + 0.04 + 0.36, over 3
    assertThat(BrierScore.of(new double[] {0.9, 0.2, 0.6}, new boolean[] {true, false, false})).isCloseTo(0.41 / 3, within(1e-15));
  }

  @Test
  void givesAConstantConfidenceAtTheAccuracyAccuracyTimesItsComplement() {
    // 3 of 4 correct at 0.75: (3 · 0.0625 + 0.5625) / 4 = 0.75 · 0.25
    assertThat(BrierScore.of(new double[] {0.75, 0.75, 0.75, 0.75}, new boolean[] {true, true, false, true})).isEqualTo(0.1875);
  }

  @Test
  void isZeroWhenCertainAndRightAndOneWhenCertainAndWrong() {
    assertThat(BrierScore.of(new double[] {1, 0}, new boolean[] {true, false})).isZero();
    assertThat(BrierScore.of(new double[] {0, 1}, new boolean[] {true, false})).isEqualTo(1);
  }

  @Test
  void rejectsConfidencesOutsideTheUnitIntervalAndMismatchedOrEmptyInput() {
    assertThatThrownBy(() -> BrierScore.of(new double[] {0.5, 1.01}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence 1").hasMessageContaining("1.01");
    assertThatThrownBy(() -> BrierScore.of(new double[] {Double.NaN}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> BrierScore.of(new double[] {0.5}, new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 vs 2");
    assertThatThrownBy(() -> BrierScore.of(new double[0], new boolean[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
  }
}
