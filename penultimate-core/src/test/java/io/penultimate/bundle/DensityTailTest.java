package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DensityTailTest {
  private static final double[] ONE_TO_HUNDRED = new double[100];

  static {
    for (int i = 0; i < 100; i++) {
      ONE_TO_HUNDRED[99 - i] = i + 1; // unsorted on purpose
    }
  }

  @Test
  void thresholdIsTheFivePercentQuantileAndScaleTheMeanExcessBelowIt() {
    DensityTail tail = DensityTail.fit(ScoreName.GAUSSIAN, ONE_TO_HUNDRED);
    // floor(0.05 * 99) = 4 -> the fifth smallest value, 5; below it 1..4, mean excess (4+3+2+1)/4
    assertThat(tail.threshold()).isEqualTo(5);
    assertThat(tail.scale()).isEqualTo(2.5);
  }

  @Test
  void aboveTheThresholdItIsTheEmpiricalRankWithAPseudoObservation() {
    DensityTail tail = DensityTail.fit(ScoreName.GAUSSIAN, ONE_TO_HUNDRED);
    assertThat(tail.logPValue(50)).isCloseTo(Math.log(51.0 / 101), within(1e-12));
    assertThat(tail.logPValue(1000)).isEqualTo(0.0);
  }

  @Test
  void belowTheThresholdItFallsLinearlyOnTheLogScale() {
    DensityTail tail = DensityTail.fit(ScoreName.GAUSSIAN, ONE_TO_HUNDRED);
    assertThat(tail.logPValue(0)).isCloseTo(Math.log(0.05) - 5 / 2.5, within(1e-12));
    assertThat(tail.logPValue(-95)).isCloseTo(Math.log(0.05) - 100 / 2.5, within(1e-12));
  }

  @Test
  void aConstantReferenceStillGivesAPositiveScale() {
    DensityTail tail = DensityTail.fit(ScoreName.GAUSSIAN, new double[] {3, 3, 3});
    assertThat(tail.scale()).isPositive();
    assertThat(tail.logPValue(2)).isFinite().isLessThan(tail.logPValue(3));
  }
}
