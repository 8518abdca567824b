package io.penultimate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.penultimate.measure.NodeStatistics;
import io.penultimate.measure.RollingNodeStatistics;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Hidden-layer gauges over the last scored events of this instance: per node (for the first
 * {@code nodeCap} nodes, which bounds the series count on wide layers) and aggregated over the
 * whole layer, plus the OOD rate over the same window. Stream threads add, the scraper reads:
 * every access holds this object's lock.
 */
public final class LayerMetrics {
  private final RollingNodeStatistics nodes;
  private final int window;
  private final ArrayDeque<Boolean> oodFlags = new ArrayDeque<>();
  private int oodCount;

  public LayerMetrics(MeterRegistry registry, List<NodeStatistics> training, int window, int nodeCap) {
    this.nodes = new RollingNodeStatistics(training, window, NodeStatistics.PAPER_LOW, NodeStatistics.PAPER_HIGH);
    this.window = window;
    for (int node = 0; node < Math.min(nodeCap, training.size()); node++) {
      int i = node;
      nodeGauge(registry, "penultimate.node.activation.mean", i, "Mean activation of the node", () -> nodes.mean(i));
      nodeGauge(registry, "penultimate.node.task.variance", i, "Task variance (paper eq. 3) of the node", () -> nodes.taskVariance(i));
      nodeGauge(registry, "penultimate.node.saturation", i, "Share of activations below 0.1 or above 0.9", () -> nodes.saturationShare(i));
      nodeGauge(registry, "penultimate.node.log.likelihood", i, "Mean log-density under the predicted class", () -> nodes.meanLogDensity(i));
      nodeGauge(registry, "penultimate.node.drift", i, "Population stability index against the training deciles", () -> nodes.drift(i));
    }
    layerGauge(registry, "penultimate.layer.drift.mean", "Mean node drift (PSI) over the layer", nodes::drift, false);
    layerGauge(registry, "penultimate.layer.drift.max", "Largest node drift (PSI) in the layer", nodes::drift, true);
    layerGauge(registry, "penultimate.layer.saturation", "Mean saturation share over the layer", nodes::saturationShare, false);
    layerGauge(registry, "penultimate.layer.log.likelihood", "Mean node log-likelihood over the layer", nodes::meanLogDensity, false);
    Gauge.builder("penultimate.ood.rate", this, self -> self.read(() -> oodFlags.isEmpty() ? Double.NaN : (double) oodCount / oodFlags.size()))
        .description("Share of OOD-flagged events among the last scored events").register(registry);
  }

  private void nodeGauge(MeterRegistry registry, String name, int node, String description, java.util.function.DoubleSupplier value) {
    Gauge.builder(name, this, self -> self.read(value)).tag("node", Integer.toString(node)).description(description).register(registry);
  }

  private void layerGauge(MeterRegistry registry, String name, String description, IntToDoubleFunction perNode, boolean max) {
    ToDoubleFunction<LayerMetrics> aggregate = self -> self.read(() -> {
      double result = max ? Double.NEGATIVE_INFINITY : 0;
      for (int i = 0; i < nodes.width(); i++) {
        double v = perNode.applyAsDouble(i);
        result = max ? Math.max(result, v) : result + v;
      }
      return max ? result : result / nodes.width();
    });
    Gauge.builder(name, this, aggregate).description(description).register(registry);
  }

  private synchronized double read(java.util.function.DoubleSupplier value) {
    return nodes.size() == 0 ? Double.NaN : value.getAsDouble();
  }

  synchronized void add(ScoredBatch batch) {
    for (int i = 0; i < batch.events().size(); i++) {
      nodes.add(batch.hidden()[i], batch.nodeLogDensity()[i]);
      ScoredEvent event = batch.events().get(i);
      oodFlags.addLast(event.ood());
      oodCount += event.ood() ? 1 : 0;
      if (oodFlags.size() > window) {
        oodCount -= oodFlags.removeFirst() ? 1 : 0;
      }
    }
  }
}
