package io.penultimate.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.MonitorObserver;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.QualityColumns;
import io.penultimate.stream.QualitySnapshot;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.HashMap;
import java.util.Map;

/**
 * The histograms of probabilities (names and meaning in docs/metrics.md): the calibrated
 * P(correct) of every scored event; each score's calibrated P(correct), and the answers
 * {@code confidence} and {@code trust}, for labelled events by whether the prediction was right;
 * and the OOD p-value of every scored event. Fixed buckets, the same on every instance, so that
 * buckets can be summed across a cluster: 0.05, 0.10, …, 1.0 for the probabilities, and
 * {@link #P_VALUE_BUCKETS} for the p-values, fine near 0 where OOD inputs and the flag's level α
 * lie, and with a bound at Storey's λ = 0.5, so that Prometheus can estimate the OOD share of a
 * whole cluster from the buckets as the gauge does per instance (1 − #{p > λ} / (n (1 − λ))).
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
  /** Upper bounds of the OOD p-value histogram; 0.5 is {@link io.penultimate.evaluation.StoreyPi0#DEFAULT_LAMBDA}. */
  static final double[] P_VALUE_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  private final DistributionDataPoint confidence;
  private final DistributionDataPoint oodPValue;
  private final Map<String, DistributionDataPoint> correctScores = new HashMap<>();
  private final Map<String, DistributionDataPoint> wrongScores = new HashMap<>();

  /**
   * {@code application} labels these histograms as the registry's common tag labels the Micrometer
   * meters: the Prometheus client does not see Micrometer's common tags.
   */
  public ProbabilityHistograms(PrometheusMeterRegistry registry, String application, QualityColumns columns) {
    confidence = register(registry, "penultimate_confidence", "Calibrated P(correct) of every scored event", BUCKETS)
        .labelValues(application);
    oodPValue = register(registry, "penultimate_ood_p_value", "Conformal p-value of 'in-distribution' of every scored event", P_VALUE_BUCKETS)
        .labelValues(application);
    Histogram scores = register(registry, "penultimate_score_calibrated",
        "Calibrated P(correct) of each score, and the answers confidence and trust, for labelled events, by whether the prediction was right",
        BUCKETS, "score", "outcome");
    // the score label values of the calibrated histogram: the served scores, then the answers confidence and trust
    for (String key : columns.aurocKeys()) {
      correctScores.put(key, scores.labelValues(application, key, "correct"));
      wrongScores.put(key, scores.labelValues(application, key, "wrong"));
    }
  }

  /** {@code name} in Prometheus form; {@code application} is added as the first label. */
  private static Histogram register(PrometheusMeterRegistry registry, String name, String help, double[] buckets, String... labelNames) {
    String[] labels = new String[labelNames.length + 1];
    labels[0] = "application";
    System.arraycopy(labelNames, 0, labels, 1, labelNames.length);
    return Histogram.builder()
        .name(name)
        .help(help)
        .classicOnly()
        // exemplars would look for an OpenTelemetry span supplier we do not ship
        .withoutExemplars()
        .classicUpperBounds(buckets)
        .labelNames(labels)
        .register(registry.getPrometheusRegistry());
  }

  @Override
  public void batchScored(ScoredBatch batch, long nanos) {
    for (ScoredEvent event : batch.events()) {
      confidence.observe(event.confidence());
      oodPValue.observe(event.oodPValue());
    }
  }

  @Override
  public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
    Map<String, DistributionDataPoint> histograms = outcome.correct() ? correctScores : wrongScores;
    calibrated.forEach((score, value) -> histograms.get(score.key()).observe(value));
    // the quality processor hands over outcomes with their answers
    histograms.get(QualitySnapshot.CONFIDENCE).observe(outcome.confidence());
    histograms.get(QualitySnapshot.TRUST).observe(outcome.trust());
  }
}
