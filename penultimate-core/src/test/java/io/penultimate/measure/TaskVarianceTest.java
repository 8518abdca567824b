package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TaskVarianceTest {

  @Test
  void isTheMeanSquareMinusTheSquaredMean() {
    // E[h²] = (0 + .01 + .81 + 1)/4 = .455, E[h] = .5 → .455 − .25.
    assertThat(TaskVariance.of(new double[] {0, 0.1, 0.9, 1})).isCloseTo(0.205, within(1e-15));
  }

  @Test
  void isZeroForAConstantNodeUpToTheRoundingOfItsMean() {
    // The mean of three 0.7s rounds to 0.7000000000000001, leaving a residue near 1e-32.
    assertThat(TaskVariance.of(new double[] {0.7, 0.7, 0.7})).isCloseTo(0, within(1e-30));
    assertThat(TaskVariance.of(new double[] {1, 1})).isZero();
  }

  @Test
  void computesOneValuePerColumn() {
    double[][] hidden = {{0, 0.5}, {1, 0.5}};
    assertThat(TaskVariance.perNode(hidden)).containsExactly(0.25, 0);
  }

  @Test
  void rejectsEmptyNonFiniteAndRaggedInput() {
    assertThatThrownBy(() -> TaskVariance.of(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
    assertThatThrownBy(() -> TaskVariance.of(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry 1").hasMessageContaining("NaN");
    assertThatThrownBy(() -> TaskVariance.perNode(new double[][] {{0, 1}, {0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 of length 1");
  }
}
