package io.penultimate.metrics;

import static io.penultimate.metrics.MetricsFixtures.batch;
import static io.penultimate.metrics.MetricsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.StoreyPi0;
import io.penultimate.stream.EventAnswers;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.QualityColumns;
import io.penultimate.stream.ScoredEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Buckets as Prometheus scrapes them: cumulative counts, {@code le} inclusive. */
class ProbabilityHistogramsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ProbabilityHistograms histograms = new ProbabilityHistograms(registry, "app", QualityColumns.ALL);

  /** The value of the one series whose text before the value is exactly {@code series}. */
  private double scraped(String series) {
    String prefix = series + " ";
    return registry.scrape().lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
        .reduce((a, b) -> {
          throw new AssertionError("two series " + series);
        })
        .orElseThrow(() -> new AssertionError("no series " + series + " in\n" + registry.scrape()));
  }

  private double confidence(String le) {
    return scraped("penultimate_confidence_bucket{application=\"app\",le=\"" + le + "\"}");
  }

  private double calibrated(String score, String outcome, String le) {
    return scraped("penultimate_score_calibrated_bucket{application=\"app\",outcome=\"" + outcome + "\",score=\"" + score + "\",le=\"" + le + "\"}");
  }

  @Test
  void bucketsEachScoredEventsConfidenceByItsValueNotRoundedUpToOne() {
    histograms.batchScored(batch(event("a", false, 0.02, 0), event("b", false, 0.32, 0), event("c", true, 0.32, 0)), 1);
    histograms.batchScored(batch(event("d", false, 0.97, 0)), 1);

    assertThat(confidence("0.05")).isEqualTo(1);
    assertThat(confidence("0.3")).isEqualTo(1);
    assertThat(confidence("0.35")).as("0.32 lands in le=0.35, not in le=1.0 only").isEqualTo(3);
    assertThat(confidence("0.95")).isEqualTo(3);
    assertThat(confidence("1.0")).isEqualTo(4);
    assertThat(confidence("+Inf")).isEqualTo(4);
    assertThat(scraped("penultimate_confidence_count{application=\"app\"}")).isEqualTo(4);
    assertThat(scraped("penultimate_confidence_sum{application=\"app\"}")).isCloseTo(0.02 + 0.32 + 0.32 + 0.97, within(1e-12));
  }

  @Test
  void bucketsEachScoresCalibratedValueAndTheAnswersByWhetherThePredictionWasRight() {
    Map<ScoreName, Double> right = new EnumMap<>(ScoreName.class);
    Map<ScoreName, Double> wrong = new EnumMap<>(ScoreName.class);
    for (ScoreName score : ScoreName.values()) {
      right.put(score, (score.ordinal() + 1) / 10.0);
      wrong.put(score, 0.42);
    }
    histograms.outcome(Outcome.of("r", 2, 2, Map.of(), new EventAnswers(0.83, 0.4, false, 0.71), 0), right);
    histograms.outcome(Outcome.of("w", 2, 1, Map.of(), new EventAnswers(0.42, 0.003, true, 0.12), 0), wrong);

    // gmm is ordinal 5: 0.6 when right
    assertThat(calibrated("gmm", "correct", "0.55")).isZero();
    assertThat(calibrated("gmm", "correct", "0.6")).isEqualTo(1);
    assertThat(calibrated("gmm", "wrong", "0.4")).isZero();
    assertThat(calibrated("gmm", "wrong", "0.45")).isEqualTo(1);
    for (ScoreName score : ScoreName.values()) {
      String key = score.key();
      assertThat(scraped("penultimate_score_calibrated_count{application=\"app\",outcome=\"correct\",score=\"" + key + "\"}")).as(key).isEqualTo(1);
      assertThat(scraped("penultimate_score_calibrated_sum{application=\"app\",outcome=\"correct\",score=\"" + key + "\"}")).as(key)
          .isCloseTo(right.get(score), within(1e-12));
      assertThat(scraped("penultimate_score_calibrated_sum{application=\"app\",outcome=\"wrong\",score=\"" + key + "\"}")).as(key)
          .isCloseTo(0.42, within(1e-12));
    }
    assertThat(calibrated("confidence", "correct", "0.8")).isZero();
    assertThat(calibrated("confidence", "correct", "0.85")).isEqualTo(1);
    assertThat(calibrated("confidence", "wrong", "0.45")).isEqualTo(1);
    assertThat(calibrated("trust", "correct", "0.7")).isZero();
    assertThat(calibrated("trust", "correct", "0.75")).isEqualTo(1);
    assertThat(calibrated("trust", "wrong", "0.1")).isZero();
    assertThat(calibrated("trust", "wrong", "0.15")).isEqualTo(1);
  }

  @Test
  void bucketsEachScoredEventsOodPValueOnBucketsFineNearZeroWithOneAtStoreysLambda() {
    histograms.batchScored(batch(pValue("a", 0.0004), pValue("b", 0.03), pValue("c", 0.05), pValue("d", 0.5), pValue("e", 0.51)), 1);
    histograms.batchScored(batch(pValue("f", 1.0)), 1);

    assertThat(ProbabilityHistograms.P_VALUE_BUCKETS).contains(StoreyPi0.DEFAULT_LAMBDA);
    assertThat(oodPValue("0.001")).isEqualTo(1);
    assertThat(oodPValue("0.02")).isEqualTo(1);
    assertThat(oodPValue("0.05")).as("le is inclusive").isEqualTo(3);
    assertThat(oodPValue("0.5")).isEqualTo(4);
    assertThat(oodPValue("0.6")).isEqualTo(5);
    assertThat(oodPValue("1.0")).isEqualTo(6);
    assertThat(oodPValue("+Inf")).isEqualTo(6);
    assertThat(scraped("penultimate_ood_p_value_sum{application=\"app\"}")).isCloseTo(0.0004 + 0.03 + 0.05 + 0.5 + 0.51 + 1, within(1e-12));
  }

  private double oodPValue(String le) {
    return scraped("penultimate_ood_p_value_bucket{application=\"app\",le=\"" + le + "\"}");
  }

  private static ScoredEvent pValue(String id, double p) {
    return new ScoredEvent(id, 0, "0", 0.5, Map.of(), 0.5, p, p < 0.05, 0.5, List.of(), "m", "b", null, 0);
  }
}
