package io.penultimate.metrics;

import static io.penultimate.metrics.MetricsFixtures.batch;
import static io.penultimate.metrics.MetricsFixtures.event;
import static io.penultimate.metrics.MetricsFixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.penultimate.measure.NodeStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three nodes, a window of two events, per-node series for the first two nodes. Every node's drift
 * bins split at 0.5; the training shares below 0.5 are 1/2, 1/4 and 9/10. Three events, the first
 * of which leaves the window:
 *
 * <pre>
 *           hidden                  log-density     OOD
 *   e1   0.0625  0.5     1.0        -100 -100 -100  yes
 *   e2   0.25    0.9375  0.875      -1   -2   -3    yes
 *   e3   0.75    0.5     0.0625     -3   -4   -5    no
 * </pre>
 *
 * Over e2, e3: node 0 mean 0.5, variance 0.25² = 0.0625, nothing saturated (below 0.1 or above
 * 0.9); node 1 mean 0.71875, variance 0.21875² = 0.0478515625, saturated 1/2; node 2 mean 0.46875,
 * variance 0.40625² = 0.1650390625, saturated 1/2. Mean log-densities -2, -3, -4. Each node has one
 * value in each bin, so the smoothed shares are (1 + 0.5) / (2 + 1) = 1/2 and PSI = Σ (a − e) ln(a / e):
 * node 0: 0; node 1: 0.25 ln 2 − 0.25 ln(2/3) = 0.25 ln 3; node 2: −0.4 ln(5/9) + 0.4 ln 5 = 0.8 ln 3.
 */
class LayerMetricsTest {
  private static final List<NodeStatistics> TRAINING = List.of(node(0, 0.5), node(1, 0.25), node(2, 0.9));
  private static final double LN3 = Math.log(3);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LayerMetrics layer = new LayerMetrics(registry, TRAINING, 2, 2);

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double perNode(String name, int node) {
    return registry.get(name).tag("node", Integer.toString(node)).gauge().value();
  }

  private void addTheThreeEvents() {
    layer.add(batch(List.of(event("e1", true, 0.5, 0), event("e2", true, 0.5, 0)),
        new double[][] {{0.0625, 0.5, 1.0}, {0.25, 0.9375, 0.875}},
        new double[][] {{-100, -100, -100}, {-1, -2, -3}}));
    assertThat(gauge("penultimate.ood.rate")).as("both events flagged").isEqualTo(1);
    layer.add(batch(List.of(event("e3", false, 0.5, 0)), new double[][] {{0.75, 0.5, 0.0625}}, new double[][] {{-3, -4, -5}}));
  }

  @Test
  void reportsEveryGaugeAsNaNBeforeAnyEvent() {
    List<Meter> gauges = registry.getMeters();
    assertThat(gauges).hasSize(5 * 2 + 4 + 1);
    assertThat(gauges).allSatisfy(m -> assertThat(((Gauge) m).value()).as(m.getId().toString()).isNaN());
  }

  @Test
  void computesEachNodesStatisticsOverTheLastEventsOnly() {
    addTheThreeEvents();

    assertThat(perNode("penultimate.node.activation.mean", 0)).isEqualTo(0.5);
    assertThat(perNode("penultimate.node.activation.mean", 1)).isEqualTo(0.71875);
    assertThat(perNode("penultimate.node.task.variance", 0)).isEqualTo(0.0625);
    assertThat(perNode("penultimate.node.task.variance", 1)).isEqualTo(0.0478515625);
    assertThat(perNode("penultimate.node.saturation", 0)).isEqualTo(0);
    assertThat(perNode("penultimate.node.saturation", 1)).isEqualTo(0.5);
    assertThat(perNode("penultimate.node.log.likelihood", 0)).isEqualTo(-2);
    assertThat(perNode("penultimate.node.log.likelihood", 1)).isEqualTo(-3);
    assertThat(perNode("penultimate.node.drift", 0)).isCloseTo(0, within(1e-12));
    assertThat(perNode("penultimate.node.drift", 1)).isCloseTo(0.25 * LN3, within(1e-12));
  }

  @Test
  void aggregatesTheWholeLayerIncludingNodesBeyondTheCap() {
    addTheThreeEvents();

    assertThat(gauge("penultimate.layer.saturation")).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(gauge("penultimate.layer.log.likelihood")).isEqualTo(-3);
    assertThat(gauge("penultimate.layer.drift.mean")).isCloseTo((0 + 0.25 + 0.8) * LN3 / 3, within(1e-12));
    assertThat(gauge("penultimate.layer.drift.max")).as("node 2, which has no series of its own").isCloseTo(0.8 * LN3, within(1e-12));
  }

  @Test
  void exportsPerNodeSeriesForTheFirstNodeCapNodesOnly() {
    for (String name : List.of("penultimate.node.activation.mean", "penultimate.node.task.variance", "penultimate.node.saturation",
        "penultimate.node.log.likelihood", "penultimate.node.drift")) {
      assertThat(registry.find(name).gauges()).as(name).extracting(g -> g.getId().getTag("node")).containsExactlyInAnyOrder("0", "1");
    }
    SimpleMeterRegistry wide = new SimpleMeterRegistry();
    new LayerMetrics(wide, TRAINING, 2, 64);
    assertThat(wide.find("penultimate.node.drift").gauges()).as("a cap above the width: every node")
        .extracting(g -> g.getId().getTag("node")).containsExactlyInAnyOrder("0", "1", "2");
  }

  @Test
  void reportsTheShareOfOodFlaggedEventsInTheWindow() {
    addTheThreeEvents();

    assertThat(gauge("penultimate.ood.rate")).as("e2 flagged, e3 not; e1 left the window").isEqualTo(0.5);
  }
}
