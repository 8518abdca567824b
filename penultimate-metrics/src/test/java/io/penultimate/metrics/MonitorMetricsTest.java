package io.penultimate.metrics;

import static io.penultimate.metrics.MetricsFixtures.batch;
import static io.penultimate.metrics.MetricsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.QualityWindow;
import io.penultimate.stream.EventAnswers;
import io.penultimate.stream.InvalidEventException.Cause;
import io.penultimate.stream.MonitorObserver.LabelOutcome;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.QualityColumns;
import io.penultimate.stream.QualitySnapshot;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MonitorMetricsTest {
  private static final Map<ScoreName, Double> NO_CALIBRATION = Map.of();
  private static final EventAnswers ANSWERS = new EventAnswers(0.9, 0.5, false, 0.8);

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final MonitorMetrics metrics = new MonitorMetrics(registry, new LayerMetrics(registry, List.of(MetricsFixtures.node(0, 0.5)), 10, 64), QualityColumns.ALL);

  private double counter(String name, String tag, String value) {
    return registry.get(name).tag(tag, value).counter().count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void countsScoredEventsByOutcome() {
    long now = clock.wallTime();
    metrics.batchScored(batch(event("a", false, 0.9, now), event("b", true, 0.2, now), event("c", false, 0.8, now)), 1);
    metrics.batchScored(batch(event("d", true, 0.1, now)), 1);
    metrics.eventRejected(Cause.MALFORMED);

    assertThat(counter("penultimate.events", "outcome", "in_distribution")).isEqualTo(2);
    assertThat(counter("penultimate.events", "outcome", "ood")).isEqualTo(2);
    assertThat(counter("penultimate.events", "outcome", "dead_lettered")).isEqualTo(1);
    assertThat(gauge("penultimate.ood.rate")).as("the batches reach the layer gauges").isEqualTo(0.5);
  }

  @Test
  void countsDeadLettersByCause() {
    assertThat(registry.find("penultimate.dead.letters").counters()).as("every cause exported from the start").hasSize(Cause.values().length);
    for (Cause cause : Cause.values()) {
      for (int i = 0; i <= cause.ordinal(); i++) {
        metrics.eventRejected(cause);
      }
    }
    for (Cause cause : Cause.values()) {
      assertThat(counter("penultimate.dead.letters", "reason", cause.key())).as(cause.key()).isEqualTo(cause.ordinal() + 1);
    }
    assertThat(counter("penultimate.events", "outcome", "dead_lettered")).isEqualTo(1 + 2 + 3 + 4 + 5 + 6 + 7);
  }

  @Test
  void countsLabelsByHowTheyEnded() {
    for (int i = 0; i < 3; i++) {
      metrics.label(LabelOutcome.JOINED);
    }
    metrics.label(LabelOutcome.UNMATCHED);
    metrics.label(LabelOutcome.INVALID);
    metrics.label(LabelOutcome.INVALID);
    for (int i = 0; i < 5; i++) {
      metrics.label(LabelOutcome.DROPPED);
    }
    metrics.labelsExpired(4);
    metrics.labelsExpired(0);

    assertThat(counter("penultimate.labels", "outcome", "joined")).isEqualTo(3);
    assertThat(counter("penultimate.labels", "outcome", "unmatched")).isEqualTo(1);
    assertThat(counter("penultimate.labels", "outcome", "invalid")).isEqualTo(2);
    assertThat(counter("penultimate.labels", "outcome", "dropped")).as("held labels dropped by --max-held-labels").isEqualTo(5);
    assertThat(counter("penultimate.labels", "outcome", "expired")).isEqualTo(4);
  }

  @Test
  void timesEachForwardPassWithTheNanosItWasGiven() {
    long now = clock.wallTime();
    metrics.batchScored(batch(event("a", false, 0.9, now)), 2_500_000);
    metrics.batchScored(batch(event("b", false, 0.9, now)), 500_000);

    Timer inference = registry.get("penultimate.inference.latency").timer();
    assertThat(inference.count()).isEqualTo(2);
    assertThat(inference.totalTime(TimeUnit.MICROSECONDS)).isEqualTo(3_000);
    assertThat(inference.max(TimeUnit.MICROSECONDS)).isEqualTo(2_500);
  }

  @Test
  void measuresEndToEndLatencyOnTheRegistryClock() {
    clock.add(Duration.ofSeconds(100));
    long then = clock.wallTime();
    // a timestamp ahead of the clock (producer clock skew) counts as no latency, not a negative one
    metrics.batchScored(batch(event("a", false, 0.9, then - 40), event("b", false, 0.9, then - 10), event("c", false, 0.9, then + 5)), 1);
    clock.add(Duration.ofSeconds(1));
    metrics.batchScored(batch(event("d", false, 0.9, then)), 1);

    Timer endToEnd = registry.get("penultimate.end.to.end.latency").timer();
    assertThat(endToEnd.count()).isEqualTo(4);
    assertThat(endToEnd.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40 + 10 + 0 + 1_000);
    assertThat(endToEnd.max(TimeUnit.MILLISECONDS)).isEqualTo(1_000);
  }

  @Test
  void recordsTheSizeOfEachBatchOnPowerOfTwoBuckets() {
    long now = clock.wallTime();
    metrics.batchScored(batch(event("a", false, 0.9, now), event("b", false, 0.9, now), event("c", false, 0.9, now)), 1);
    metrics.batchScored(batch(event("d", false, 0.9, now)), 1);

    DistributionSummary size = registry.get("penultimate.batch.size").summary();
    assertThat(size.count()).isEqualTo(2);
    assertThat(size.totalAmount()).isEqualTo(4);
    assertThat(size.max()).isEqualTo(3);
    Map<Double, Double> cumulative = new HashMap<>();
    for (CountAtBucket bucket : size.takeSnapshot().histogramCounts()) {
      cumulative.put(bucket.bucket(), bucket.count());
    }
    assertThat(cumulative).containsEntry(1.0, 1.0).containsEntry(2.0, 1.0).containsEntry(4.0, 2.0).containsEntry(1024.0, 2.0).hasSize(11);
  }

  @Test
  void reportsTheRollingQualityAsNaNBeforeAnyOutcome() {
    List<Gauge> quality = new java.util.ArrayList<>();
    for (String name : List.of("penultimate.rolling.auroc", "penultimate.rolling.ece", "penultimate.rolling.accuracy", "penultimate.rolling.labelled")) {
      quality.addAll(registry.find(name).gauges());
    }
    assertThat(quality).as("per score or answer and window, and per window")
        .hasSize(2 * (QualityColumns.ALL.aurocKeys().size() + QualityColumns.ALL.eceKeys().size()) + 2 * 2);
    assertThat(quality).allSatisfy(g -> assertThat(g.value()).as(g.getId().toString()).isNaN());
  }

  @Test
  void readsEachScoreAnswerAndWindowFromTheLatestSnapshot() {
    Map<String, Double> countAuroc = new LinkedHashMap<>();
    Map<String, Double> countEce = new LinkedHashMap<>();
    Map<String, Double> timeAuroc = new LinkedHashMap<>();
    Map<String, Double> timeEce = new LinkedHashMap<>();
    List<String> keys = QualityColumns.ALL.aurocKeys();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      countAuroc.put(key, 0.5 + i / 100.0);
      timeAuroc.put(key, key.equals("gmm") ? null : 0.25 + i / 100.0);
      if (QualityColumns.ALL.eceKeys().contains(key)) {
        countEce.put(key, i / 1000.0);
        timeEce.put(key, 0.1 + i / 1000.0);
      }
    }
    metrics.quality(new QualitySnapshot(1, 0, Map.of(), Map.of(), null));
    metrics.quality(new QualitySnapshot(7, 0.75, countAuroc, countEce, new QualitySnapshot(3, 0.5, timeAuroc, timeEce, null)));

    assertThat(keys).as("the answers beside the scores").contains("confidence", "trust");
    for (String key : keys) {
      assertThat(gauge("penultimate.rolling.auroc", "score", key, "window", "count")).as(key).isEqualTo(countAuroc.get(key));
      if (!key.equals("gmm")) {
        assertThat(gauge("penultimate.rolling.auroc", "score", key, "window", "time")).as(key).isEqualTo(timeAuroc.get(key));
      }
    }
    for (String key : QualityColumns.ALL.eceKeys()) {
      assertThat(gauge("penultimate.rolling.ece", "score", key, "window", "count")).as(key).isEqualTo(countEce.get(key));
      assertThat(gauge("penultimate.rolling.ece", "score", key, "window", "time")).as(key).isEqualTo(timeEce.get(key));
    }
    assertThat(registry.find("penultimate.rolling.ece").tag("score", "trust").gauges())
        .as("trust is P(in-distribution and correct), not a P(correct): no ECE").isEmpty();
    assertThat(gauge("penultimate.rolling.auroc", "score", "gmm", "window", "time")).as("undefined is NaN, not 0").isNaN();
    assertThat(gauge("penultimate.rolling.labelled", "window", "count")).isEqualTo(7);
    assertThat(gauge("penultimate.rolling.labelled", "window", "time")).isEqualTo(3);
    assertThat(gauge("penultimate.rolling.accuracy", "window", "count")).isEqualTo(0.75);
    assertThat(gauge("penultimate.rolling.accuracy", "window", "time")).isEqualTo(0.5);
  }

  @Test
  void showsNaNOnceTheMergeTaskLeftThisInstance() {
    metrics.quality(new QualitySnapshot(7, 0.75, Map.of("primary", 0.9), Map.of(), null));
    assertThat(gauge("penultimate.rolling.auroc", "score", "primary", "window", "count")).isEqualTo(0.9);

    metrics.qualityElsewhere();

    assertThat(gauge("penultimate.rolling.auroc", "score", "primary", "window", "count")).isNaN();
    assertThat(gauge("penultimate.rolling.labelled", "window", "count")).isNaN();
  }

  /**
   * Four outcomes with the same raw and calibrated value for every score and answer: correct 0.9
   * (t = 0 s), wrong 0.75 (1 s), correct 0.7 (2 s), wrong 0.25 (20 s). Count window (all four):
   * accuracy 1/2; AUROC = correct-above-wrong pairs / pairs = (0.9>0.75, 0.9>0.25, 0.7>0.25) / 4 =
   * 3/4; every value in its own ECE bin (15 bins), so ECE = (0.1 + 0.75 + 0.3 + 0.25) / 4 = 0.35.
   * The 10 s time window keeps only the last: accuracy 0, one class so AUROC undefined, ECE = 0.25.
   */
  @Test
  void showsTheRollingQualityOfAKnownSequenceOfOutcomes() {
    int columns = QualityColumns.ALL.aurocKeys().size();
    QualityWindow count = new QualityWindow(columns, 10, null);
    QualityWindow time = new QualityWindow(columns, 10, Duration.ofSeconds(10));
    long[] seconds = {0, 1, 2, 20};
    double[] values = {0.9, 0.75, 0.7, 0.25};
    boolean[] correct = {true, false, true, false};
    for (int i = 0; i < values.length; i++) {
      double[] same = new double[columns];
      java.util.Arrays.fill(same, values[i]);
      Map<ScoreName, Double> calibrated = new EnumMap<>(ScoreName.class);
      Map<String, Double> raw = new LinkedHashMap<>();
      for (ScoreName score : ScoreName.values()) {
        calibrated.put(score, values[i]);
        raw.put(score.key(), values[i]);
      }
      long timestamp = seconds[i] * 1000;
      count.add(timestamp, same, same, correct[i]);
      time.add(timestamp, same, same, correct[i]);
      EventAnswers answers = new EventAnswers(values[i], 0.5, false, values[i]);
      metrics.outcome(Outcome.of("e" + i, 1, correct[i] ? 1 : 2, raw, answers, timestamp), calibrated);
    }
    metrics.quality(QualitySnapshot.of(QualityColumns.ALL, count, time));

    assertThat(gauge("penultimate.rolling.labelled", "window", "count")).isEqualTo(4);
    assertThat(gauge("penultimate.rolling.accuracy", "window", "count")).isEqualTo(0.5);
    assertThat(gauge("penultimate.rolling.labelled", "window", "time")).isEqualTo(1);
    assertThat(gauge("penultimate.rolling.accuracy", "window", "time")).isEqualTo(0);
    for (String key : QualityColumns.ALL.aurocKeys()) {
      assertThat(gauge("penultimate.rolling.auroc", "score", key, "window", "count")).as(key).isEqualTo(0.75);
      assertThat(gauge("penultimate.rolling.auroc", "score", key, "window", "time")).as(key).isNaN();
    }
    for (String key : QualityColumns.ALL.eceKeys()) {
      assertThat(gauge("penultimate.rolling.ece", "score", key, "window", "count")).as(key).isCloseTo(0.35, within(1e-12));
      assertThat(gauge("penultimate.rolling.ece", "score", key, "window", "time")).as(key).isCloseTo(0.25, within(1e-12));
    }
  }
}
