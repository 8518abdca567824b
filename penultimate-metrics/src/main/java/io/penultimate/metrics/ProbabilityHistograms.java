package io.penultimate.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.MonitorObserver;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.QualitySnapshot;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.EnumMap;
import java.util.Map;

/**
 * The two histograms of probabilities (names and meaning in docs/metrics.md): the calibrated
 * P(correct) of the primary score for every scored event, and each score's calibrated P(correct)
 * for labelled events by whether the prediction was right. Fixed buckets 0.05, 0.10, …, 1.0, the
 * same on every instance so buckets can be summed across a cluster.
 *
 * <p>The one binder that needs the Prometheus registry rather than any {@code MeterRegistry}:
 * Micrometer rounds every DistributionSummary value up to a whole number before bucketing
 * (micrometer PR #2422, issue #3680), so every probability in (0, 1] would land in le=1.0. These
 * are registered with the Prometheus client under Micrometer's registry instead, so they appear
 * on the same scrape.
 */
public final class ProbabilityHistograms implements MonitorObserver {
  static final double[] BUCKETS = {
    0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0
  };

  private final DistributionDataPoint confidence;
  private final Map<ScoreName, DistributionDataPoint> correctScores = new EnumMap<>(ScoreName.class);
  private final Map<ScoreName, DistributionDataPoint> wrongScores = new EnumMap<>(ScoreName.class);

  /**
   * {@code application} labels these histograms as the registry's common tag labels the Micrometer
   * meters: the Prometheus client does not see Micrometer's common tags.
   */
  public ProbabilityHistograms(PrometheusMeterRegistry registry, String application) {
    confidence = register(registry, "penultimate_confidence", "Calibrated P(correct) of the primary score").labelValues(application);
    Histogram scores = register(registry, "penultimate_score_calibrated",
        "Calibrated P(correct) of each score for labelled events, by whether the prediction was right", "score", "outcome");
    for (ScoreName score : ScoreName.values()) {
      correctScores.put(score, scores.labelValues(application, score.key(), "correct"));
      wrongScores.put(score, scores.labelValues(application, score.key(), "wrong"));
    }
  }

  /** {@code name} in Prometheus form; {@code application} is added as the first label. */
  private static Histogram register(PrometheusMeterRegistry registry, String name, String help, String... labelNames) {
    String[] labels = new String[labelNames.length + 1];
    labels[0] = "application";
    System.arraycopy(labelNames, 0, labels, 1, labelNames.length);
    return Histogram.builder()
        .name(name)
        .help(help)
        .classicOnly()
        // exemplars would look for an OpenTelemetry span supplier we do not ship
        .withoutExemplars()
        .classicUpperBounds(BUCKETS)
        .labelNames(labels)
        .register(registry.getPrometheusRegistry());
  }

  @Override
  public void batchScored(ScoredBatch batch, long nanos) {
    for (ScoredEvent event : batch.events()) {
      confidence.observe(event.confidence());
    }
  }

  @Override
  public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated, QualitySnapshot quality) {
    Map<ScoreName, DistributionDataPoint> histograms = outcome.correct() ? correctScores : wrongScores;
    for (ScoreName score : ScoreName.values()) {
      histograms.get(score).observe(calibrated.get(score));
    }
  }
}
