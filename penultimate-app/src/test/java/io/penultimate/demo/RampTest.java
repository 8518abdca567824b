package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RampTest {
  /** {@code perSecond[k]} records spread evenly over second k, from {@code startMs} on. */
  private static long[] arrivals(long startMs, int... perSecond) {
    List<Long> times = new ArrayList<>();
    for (int k = 0; k < perSecond.length; k++) {
      for (int i = 0; i < perSecond[k]; i++) {
        times.add(startMs + k * 1000L + i * 1000L / perSecond[k]);
      }
    }
    times.add(startMs + perSecond.length * 1000L);
    return times.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void fullThroughputIsTheFirstSecondAtNineTenthsOfTheSteadyRate() {
    Ramp ramp = Ramp.of(arrivals(4_000, 100, 400, 850, 1000, 990, 1000, 1010, 1000));

    assertThat(ramp.firstMs()).isEqualTo(4_000);
    assertThat(ramp.steadyPerSecond()).isEqualTo(1000);
    assertThat(ramp.fullMs()).as("850 < 900, then 1000").isEqualTo(7_000);
  }

  @Test
  void aMonitorAtSpeedFromItsFirstRecordIsFullAtOnce() {
    Ramp ramp = Ramp.of(arrivals(2_500, 500, 500, 500, 500));

    assertThat(ramp.fullMs()).isEqualTo(ramp.firstMs()).isEqualTo(2_500);
  }

  @Test
  void refusesARunTooShortToTell() {
    assertThatThrownBy(() -> Ramp.of(arrivals(0, 10, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("send more events");
  }
}
