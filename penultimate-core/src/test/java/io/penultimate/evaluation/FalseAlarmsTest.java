package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FalseAlarmsTest {

  @Test
  void flagsOnlyPValuesStrictlyBelowAlpha() {
    // .01 and .04 are flagged; .05 equals α and is not
    assertThat(FalseAlarms.rate(new double[] {0.01, 0.05, 0.2, 0.04, 0.5}, 0.05)).isEqualTo(0.4);
  }

  @Test
  void keepsTheRateOfUniformPValuesNearAlpha() {
    Random random = new Random(1);
    double[] p = new double[10_000];
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextDouble();
    }
    // standard error at α = 0.05, n = 10,000: 0.0022; seed 1
    assertThat(FalseAlarms.rate(p, 0.05)).isCloseTo(0.05, within(3 * FalseAlarms.standardError(0.05, p.length)));
  }

  @Test
  void givesTheBinomialStandardErrorOfAShare() {
    assertThat(FalseAlarms.standardError(0.05, 10_000)).isCloseTo(Math.sqrt(0.0475) / 100, within(1e-15));
    assertThat(FalseAlarms.standardError(0.5, 4)).isEqualTo(0.25);
    assertThat(FalseAlarms.standardError(0, 10)).isZero();
  }

  @Test
  void rejectsBadPValuesAlphasRatesAndCounts() {
    assertThatThrownBy(() -> FalseAlarms.rate(new double[] {0.2, -0.1}, 0.05))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value 1").hasMessageContaining("-0.1");
    assertThatThrownBy(() -> FalseAlarms.rate(new double[0], 0.05))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
    assertThatThrownBy(() -> FalseAlarms.rate(new double[] {0.2}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha").hasMessageContaining("0.0");
    assertThatThrownBy(() -> FalseAlarms.rate(new double[] {0.2}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.0");
    assertThatThrownBy(() -> FalseAlarms.standardError(1.5, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    assertThatThrownBy(() -> FalseAlarms.standardError(0.5, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("and 0");
  }
}
