package io.penultimate.metrics;

import io.penultimate.measure.NodeBins;
import io.penultimate.measure.NodeStatistics;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import java.util.List;
import java.util.Map;

/** Hand-made inputs for the binders: scored events, batches and training node statistics small enough to compute by hand. */
final class MetricsFixtures {
  private MetricsFixtures() {}

  /** A scored event; only what the meters read is meaningful. */
  static ScoredEvent event(String id, boolean ood, double confidence, long timestamp) {
    return new ScoredEvent(id, 0, "0", 0.5, Map.of(), confidence, ood ? 0.001 : 0.5, ood, confidence, List.of(), "m", "b", null, timestamp);
  }

  /** One event per row of {@code hidden}, each node's log-density in {@code logDensity}. */
  static ScoredBatch batch(List<ScoredEvent> events, double[][] hidden, double[][] logDensity) {
    return new ScoredBatch(events, hidden, logDensity);
  }

  /** A batch of the events with a one-node hidden layer at 0.5, for meters that ignore the layer. */
  static ScoredBatch batch(ScoredEvent... events) {
    double[][] hidden = new double[events.length][];
    double[][] logDensity = new double[events.length][];
    for (int i = 0; i < events.length; i++) {
      hidden[i] = new double[] {0.5};
      logDensity[i] = new double[] {0};
    }
    return new ScoredBatch(List.of(events), hidden, logDensity);
  }

  /**
   * A node's training statistics with two drift bins split at 0.5 ({@code v <= 0.5}, {@code v >
   * 0.5}) holding {@code below} and {@code 1 - below} of the training outputs; drift reads only the bins.
   */
  static NodeStatistics node(int node, double below) {
    return new NodeStatistics(node, 0.5, 0.1, 0, new NodeBins(new double[] {0.5}, new double[] {below, 1 - below}));
  }
}
