package io.penultimate.metrics;

import static io.penultimate.metrics.MetricsFixtures.batch;
import static io.penultimate.metrics.MetricsFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.QualitySnapshot;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Buckets as Prometheus scrapes them: cumulative counts, {@code le} inclusive. */
class ProbabilityHistogramsTest {
  private static final QualitySnapshot ANY = new QualitySnapshot(1, 1, Map.of(), Map.of(), null);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ProbabilityHistograms histograms = new ProbabilityHistograms(registry, "app");

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
  void bucketsEachScoresCalibratedValueByWhetherThePredictionWasRight() {
    Map<ScoreName, Double> right = new EnumMap<>(ScoreName.class);
    Map<ScoreName, Double> wrong = new EnumMap<>(ScoreName.class);
    for (ScoreName score : ScoreName.values()) {
      right.put(score, (score.ordinal() + 1) / 10.0);
      wrong.put(score, 0.42);
    }
    histograms.outcome(new Outcome("r", 2, 2, Map.of(), 0), right, ANY);
    histograms.outcome(new Outcome("w", 2, 1, Map.of(), 0), wrong, ANY);

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
  }
}
