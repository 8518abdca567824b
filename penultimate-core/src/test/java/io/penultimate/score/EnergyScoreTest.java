package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnergyScoreTest {

  @Test
  void isLogSumExpAtDefaultTemperature() {
    // log(e + e² + e³) = 3 + log(1 + e⁻¹ + e⁻²)
    assertThat(new EnergyScore().score(new double[] {1, 2, 3})).isCloseTo(3.40760596444438, within(1e-13));
  }

  @Test
  void staysFiniteForHugeLogits() {
    // log(e^1000 + e^1001) = 1001 + log(1 + e⁻¹)
    assertThat(new EnergyScore().score(new double[] {1000, 1001})).isCloseTo(1001.3132616875182, within(1e-12));
    assertThat(new EnergyScore(EnergyScore.MAX_TEMPERATURE).score(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}))
        .isEqualTo(Double.MAX_VALUE);
  }

  @Test
  void scalesByTemperature() {
    // 2 · log(e^0 + e^1)
    assertThat(new EnergyScore(2).score(new double[] {0, 2})).isCloseTo(2.6265233750364456, within(1e-13));
    // T → 0 tends to the max logit; a large T adds T·log C
    assertThat(new EnergyScore(1e-3).score(new double[] {1, 2})).isCloseTo(2, within(1e-12));
    assertThat(new EnergyScore(1e6).score(new double[] {0, 0})).isCloseTo(1e6 * Math.log(2), within(1e-6));
  }

  @Test
  void scoresBatchesRowByRow() {
    EnergyScore energy = new EnergyScore(3);
    double[][] batch = {{1, 2, 3}, {-4, 0.5}};
    assertThat(energy.score(batch)).containsExactly(energy.score(batch[0]), energy.score(batch[1]));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, 1.000001e6, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsTemperatureOutsideRange(double temperature) {
    assertThatThrownBy(() -> new EnergyScore(temperature))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found " + temperature);
  }

  @Test
  void rejectsNonFiniteLogits() {
    assertThatThrownBy(() -> new EnergyScore().score(new double[] {1, Double.NEGATIVE_INFINITY}))
        .hasMessage("logits[1] must be finite, found -Infinity");
  }
}
