package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeStatisticsTest {

  private static final double[][] HIDDEN = {{0.05, 0.5}, {0.95, 0.5}, {0.5, 0.1}, {0.9, 0.92}};

  @Test
  void summarisesEveryNodeWithTheBandBoundsCountedAsUnsaturated() {
    List<NodeStatistics> stats = NodeStatistics.of(HIDDEN, NodeStatistics.PAPER_LOW, NodeStatistics.PAPER_HIGH);
    assertThat(stats).hasSize(2);
    NodeStatistics first = stats.get(0);
    assertThat(first.node()).isZero();
    assertThat(first.mean()).isCloseTo(0.6, within(1e-15));
    // E[h²] = (.0025 + .9025 + .25 + .81)/4 = .49125; minus .36.
    assertThat(first.taskVariance()).isCloseTo(0.13125, within(1e-15));
    assertThat(first.saturationShare()).isEqualTo(0.5); // 0.05 and 0.95; 0.9 sits on the bound
    assertThat(stats.get(1).saturationShare()).isEqualTo(0.25); // only 0.92; 0.1 sits on the bound
    assertThat(stats.get(1).node()).isEqualTo(1);
  }

  @Test
  void takesTheSaturationBandAsArguments() {
    assertThat(NodeStatistics.of(HIDDEN, 0.2, 0.8).get(1).saturationShare()).isEqualTo(0.5);
  }

  @Test
  void rejectsAnInvertedBand() {
    assertThatThrownBy(() -> NodeStatistics.of(HIDDEN, 0.9, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low=0.9 high=0.1");
  }
}
