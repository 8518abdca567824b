package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyRateTest {

  @Test
  void aFixedRateIgnoresTheMeasuredCapacity() {
    LatencyRate rate = LatencyRate.parse("500");

    assertThat(rate.at(4_000)).isEqualTo(500);
    assertThat(rate.at(9_000)).isEqualTo(500);
    assertThat(rate).hasToString("500/s");
  }

  @Test
  void aShareFollowsTheCapacityOfEachRun() {
    LatencyRate rate = LatencyRate.parse(" 50% ");

    assertThat(rate.at(4_000)).isEqualTo(2_000);
    assertThat(rate.at(9_000)).isEqualTo(4_500);
    assertThat(rate).hasToString("50% of each run's unlabelled events/s");
    assertThat(LatencyRate.parse("100%").at(3_000)).isEqualTo(3_000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "0%", "101%", "fast", "%", "Infinity", "NaN", "50 %%"})
  void refusesWhatIsNeitherAPositiveRateNorAShareUpToAll(String text) {
    assertThatThrownBy(() -> LatencyRate.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found '" + text + "'")
        .hasMessageContaining("e.g. 50%");
  }
}
