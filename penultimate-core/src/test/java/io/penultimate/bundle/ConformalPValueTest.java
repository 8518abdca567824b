package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConformalPValueTest {
  /** 1..100, unsorted on purpose. */
  private static final double[] ONE_TO_HUNDRED = new double[100];

  static {
    for (int i = 0; i < 100; i++) {
      ONE_TO_HUNDRED[99 - i] = i + 1;
    }
  }

  @Test
  void atACalibrationScoreItIsTheConformalRankWithThePseudoObservation() {
    ConformalPValue p = ConformalPValue.fit(ONE_TO_HUNDRED);
    // #{c <= 50} = 50 -> (1 + 50) / 101
    assertThat(p.pValue(50)).isCloseTo(51.0 / 101, within(1e-12));
    assertThat(p.pValue(1)).isCloseTo(2.0 / 101, within(1e-12));
  }

  @Test
  void betweenCalibrationScoresItRisesLinearlyAndNeverFallsBelowTheStep() {
    ConformalPValue p = ConformalPValue.fit(ONE_TO_HUNDRED);
    // halfway from 50 to 51: (1 + 50 + 0.5) / 101, above the step value 51 / 101
    assertThat(p.pValue(50.5)).isCloseTo(51.5 / 101, within(1e-12));
    assertThat(p.pValue(50.5)).isGreaterThan(p.pValue(50.25)).isGreaterThan(p.pValue(50));
  }

  @Test
  void atOrAboveTheLargestCalibrationScoreItIsOne() {
    ConformalPValue p = ConformalPValue.fit(ONE_TO_HUNDRED);
    assertThat(p.pValue(100)).isEqualTo(1.0);
    assertThat(p.pValue(1e300)).isEqualTo(1.0);
  }

  @Test
  void belowTheSmallestCalibrationScoreAnExponentialTailKeepsFalling() {
    ConformalPValue p = ConformalPValue.fit(ONE_TO_HUNDRED);
    // 5% quantile: sorted[floor(0.05 * 99)] = 5; mean excess of 1..4 below it = 2.5
    assertThat(p.tailScale()).isEqualTo(2.5);
    assertThat(p.logPValue(0)).isCloseTo(-Math.log(101) - 1 / 2.5, within(1e-12));
    assertThat(p.logPValue(-9)).isCloseTo(-Math.log(101) - 10 / 2.5, within(1e-12));
  }

  @Test
  void farBelowTheCalibrationTheLogPValueStopsAtTheFloorSoThatSumsStayFinite() {
    ConformalPValue p = ConformalPValue.fit(ONE_TO_HUNDRED);
    assertThat(p.logPValue(-Double.MAX_VALUE)).isEqualTo(ConformalPValue.LOG_FLOOR);
    assertThat(p.pValue(-Double.MAX_VALUE)).isZero();
  }

  @Test
  void tiedCalibrationScoresCountTogether() {
    ConformalPValue p = ConformalPValue.fit(new double[] {1, 2, 2, 2, 3});
    // #{c <= 2} = 4 -> 5/6; just above 2 it rises towards 3 from there
    assertThat(p.pValue(2)).isCloseTo(5.0 / 6, within(1e-12));
    assertThat(p.pValue(2.5)).isCloseTo(5.5 / 6, within(1e-12));
    // just below 2 it has risen from 1's step (2/6) towards 3/6, under the step at 2
    assertThat(p.pValue(1.5)).isCloseTo(2.5 / 6, within(1e-12));
  }

  @Test
  void onExchangeableScoresTheFalseAlarmRateStaysAtMostAlpha() {
    Random random = new Random(7);
    int trials = 400;
    int alarms = 0;
    int tests = 0;
    for (int t = 0; t < trials; t++) {
      double[] calibration = new double[99];
      for (int i = 0; i < calibration.length; i++) {
        calibration[i] = random.nextGaussian();
      }
      ConformalPValue p = ConformalPValue.fit(calibration);
      for (int k = 0; k < 50; k++) {
        alarms += p.pValue(random.nextGaussian()) < 0.05 ? 1 : 0;
        tests++;
      }
    }
    // n = 99: P(p < 0.05) <= 4/100 for the step p-value; the interpolated one is no more liberal.
    // 20,000 draws: a binomial standard error of about 0.0014.
    assertThat((double) alarms / tests).isBetween(0.035, 0.05);
  }

  @Test
  void rejectsAnEmptyCalibrationAndNaN() {
    assertThatThrownBy(() -> ConformalPValue.fit(new double[0])).hasMessageContaining("at least one calibration score");
    assertThatThrownBy(() -> ConformalPValue.fit(ONE_TO_HUNDRED).logPValue(Double.NaN)).hasMessageContaining("NaN");
    assertThatThrownBy(() -> ConformalPValue.fit(new double[] {1, Double.POSITIVE_INFINITY})).hasMessageContaining("finite");
  }
}
