package io.penultimate.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsPercentileTest {

  @Test
  void isTheNearestRankValueOfTheSortedSample() {
    double[] x = {15, 20, 35, 40, 50};
    // ranks ceil(q·5): 0.05 → 1st, 0.3 → 2nd, 0.4 → 2nd, 0.5 → 3rd, 1.0 → 5th
    assertThat(Stats.percentile(x, 0.05)).isEqualTo(15);
    assertThat(Stats.percentile(x, 0.3)).isEqualTo(20);
    assertThat(Stats.percentile(x, 0.4)).isEqualTo(20);
    assertThat(Stats.percentile(x, 0.5)).isEqualTo(35);
    assertThat(Stats.percentile(x, 1.0)).isEqualTo(50);
  }

  @Test
  void doesNotReorderItsInput() {
    double[] x = {3, 1, 2};
    assertThat(Stats.percentile(x, 0.5)).isEqualTo(2);
    assertThat(x).containsExactly(3, 1, 2);
  }

  @Test
  void isUndefinedForNoValuesAndRejectsAQuantileOutsideTheUnitInterval() {
    assertThat(Stats.percentile(new double[0], 0.5)).isNaN();
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
