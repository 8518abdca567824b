package io.penultimate.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.penultimate.stream.InvalidEventException.Cause;
import io.penultimate.stream.MonitorObserver;
import io.penultimate.stream.QualityColumns;
import io.penultimate.stream.QualitySnapshot;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The monitor's meters (names and meaning in docs/metrics.md), fed by the stream processors, on
 * any {@link MeterRegistry}. Counters and histograms are live and not covered by exactly-once; the
 * rolling-quality gauges read the latest cluster-wide snapshot, merged from every partition's
 * changelogged quality windows, on the instance that merges them (NaN on the others);
 * the hidden-layer gauges come from {@link LayerMetrics}. The probability histograms need the
 * Prometheus registry and are {@link ProbabilityHistograms}, a separate observer; the answers'
 * label-free estimates are {@link AnswerMetrics}. {@link MonitorMeters} binds all three.
 */
public final class MonitorMetrics implements MonitorObserver {
  private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

  private final Clock clock;
  private final LayerMetrics layer;
  private final Counter inDistribution;
  private final Counter ood;
  private final Counter deadLettered;
  private final Map<Cause, Counter> rejected = new EnumMap<>(Cause.class);
  private final Map<LabelOutcome, Counter> labels = new EnumMap<>(LabelOutcome.class);
  private final Counter expired;
  private final Timer inference;
  private final Timer endToEnd;
  private final DistributionSummary batchSize;
  private final AtomicReference<QualitySnapshot> quality = new AtomicReference<>();

  /**
   * End-to-end latency is measured against the registry's clock, so tests can drive it; the
   * rolling-quality gauges are those of {@code columns}, the served scores and the answers.
   */
  public MonitorMetrics(MeterRegistry registry, LayerMetrics layer, QualityColumns columns) {
    this.clock = registry.config().clock();
    this.layer = layer;
    inDistribution = events(registry, "in_distribution", "Events scored and not flagged out-of-distribution");
    ood = events(registry, "ood", "Events scored and flagged out-of-distribution");
    deadLettered = events(registry, "dead_lettered", "Events sent to the dead-letter topic");
    for (Cause cause : Cause.values()) {
      rejected.put(cause, Counter.builder("penultimate.dead.letters").tag("reason", cause.key())
          .description("Dead-lettered events by cause").register(registry));
    }
    for (LabelOutcome outcome : LabelOutcome.values()) {
      labels.put(outcome, label(registry, outcome.key()));
    }
    expired = label(registry, "expired");
    inference = Timer.builder("penultimate.inference.latency")
        .description("One batched forward pass and the scoring of its events")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    endToEnd = Timer.builder("penultimate.end.to.end.latency")
        .description("From the event's timestamp to its scored record")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(10))
        .register(registry);
    batchSize = DistributionSummary.builder("penultimate.batch.size").description("Events per forward pass")
        .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
    qualityGauges(registry, columns, "count", "the last N labelled events of every partition", snapshot -> snapshot);
    qualityGauges(registry, columns, "time", "the labelled events of the time window", QualitySnapshot::time);
  }

  private void qualityGauges(
      MeterRegistry registry, QualityColumns columns, String window, String over, Function<QualitySnapshot, QualitySnapshot> pick) {
    for (String key : columns.aurocKeys()) {
      Gauge.builder("penultimate.rolling.auroc", quality, ref -> read(ref, pick, q -> orNaN(q.auroc().get(key))))
          .tags("score", key, "window", window)
          .description("Exact AUROC of correct vs wrong predictions over " + over + "; NaN when undefined").register(registry);
    }
    for (String key : columns.eceKeys()) {
      Gauge.builder("penultimate.rolling.ece", quality, ref -> read(ref, pick, q -> orNaN(q.ece().get(key))))
          .tags("score", key, "window", window)
          .description("Expected calibration error (15 bins) over " + over).register(registry);
    }
    Gauge.builder("penultimate.rolling.accuracy", quality, ref -> read(ref, pick, QualitySnapshot::accuracy)).tag("window", window)
        .description("Accuracy over " + over).register(registry);
    Gauge.builder("penultimate.rolling.labelled", quality, ref -> read(ref, pick, QualitySnapshot::labelled)).tag("window", window)
        .description("Labelled events in the window").register(registry);
  }

  private static Counter events(MeterRegistry registry, String outcome, String description) {
    return Counter.builder("penultimate.events").tag("outcome", outcome).description(description).register(registry);
  }

  private static Counter label(MeterRegistry registry, String outcome) {
    return Counter.builder("penultimate.labels").tag("outcome", outcome).description("Late labels by how they ended").register(registry);
  }

  private static double read(
      AtomicReference<QualitySnapshot> ref, Function<QualitySnapshot, QualitySnapshot> pick, ToDoubleFunction<QualitySnapshot> value) {
    QualitySnapshot snapshot = ref.get() == null ? null : pick.apply(ref.get());
    return snapshot == null ? Double.NaN : value.applyAsDouble(snapshot);
  }

  private static double orNaN(Double value) {
    return value == null ? Double.NaN : value;
  }

  @Override
  public void batchScored(ScoredBatch batch, long nanos) {
    inference.record(nanos, TimeUnit.NANOSECONDS);
    batchSize.record(batch.events().size());
    long now = clock.wallTime();
    for (ScoredEvent event : batch.events()) {
      (event.ood() ? ood : inDistribution).increment();
      endToEnd.record(Math.max(0, now - event.timestamp()), TimeUnit.MILLISECONDS);
    }
    layer.add(batch);
  }

  @Override
  public void eventRejected(Cause cause) {
    deadLettered.increment();
    rejected.get(cause).increment();
  }

  @Override
  public void label(LabelOutcome outcome) {
    labels.get(outcome).increment();
  }

  @Override
  public void labelsExpired(int count) {
    expired.increment(count);
  }

  @Override
  public void quality(QualitySnapshot merged) {
    quality.set(merged);
  }

  /** NaN again: another instance merges now, and this one's last figures would go stale unnoticed. */
  @Override
  public void qualityElsewhere() {
    quality.set(null);
  }
}
