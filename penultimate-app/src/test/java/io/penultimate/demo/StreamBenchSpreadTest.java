package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamBenchSpreadTest {
  private static StreamBench.Figures figures(String name, double eventsPerSecond) {
    return new StreamBench.Figures(name, 100, eventsPerSecond, eventsPerSecond / 2, eventsPerSecond / 2,
        new StreamBench.PhaseCost(Map.of("StreamThread-1", 100.0), 30, Map.of()), new StreamBench.PhaseCost(Map.of("StreamThread-1", 200.0), 40, Map.of()),
        10, 20, 10, 5,
        StreamBench.ThreadLatencies.UNKNOWN);
  }

  @Test
  void givesTheMedianAndRangeOfEachApplicationAndOfTheRatioPairByPair() {
    StreamBench.Spread spread = new StreamBench.Spread(
        List.of(figures("pass-through", 1000), figures("pass-through", 2000), figures("pass-through", 4000)),
        List.of(figures("scoring", 900), figures("scoring", 1000), figures("scoring", 2000)));

    assertThat(spread.of(StreamBench.Figures::eventsPerSecond, false)).isEqualTo("2000 [1000-4000]");
    assertThat(spread.of(StreamBench.Figures::eventsPerSecond, true)).isEqualTo("1000 [900-2000]");
    // pairs: 0.90, 0.50, 0.50
    assertThat(spread.ratio(StreamBench.Figures::eventsPerSecond)).isEqualTo("0.50 [0.50-0.90]");
  }

  @Test
  void takesTheSteadyRateBetweenTheTenthAndTheNinetiethPercentileSoASlowStartAndTailDoNotCount() {
    long[] arrivals = new long[100];
    for (int i = 0; i < arrivals.length; i++) {
      // 1 ms apart, after a start of 5 s; the last arrival 10 s late
      arrivals[i] = 5_000_000_000L + i * 1_000_000L + (i == 99 ? 10_000_000_000L : 0);
    }
    assertThat(StreamBench.steadyRate(arrivals)).isCloseTo(1000.0, offset(1e-6));
  }

  @Test
  void needsAsManyRunsOfEachApplication() {
    assertThatThrownBy(() -> new StreamBench.Spread(List.of(figures("pass-through", 1)), List.of()))
        .hasMessageContaining("found 1 and 0");
  }
}
