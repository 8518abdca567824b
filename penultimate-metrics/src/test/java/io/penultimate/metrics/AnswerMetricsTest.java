package io.penultimate.metrics;

import static io.penultimate.metrics.MetricsFixtures.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.penultimate.bundle.AnswerSettings;
import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.EventAnswers;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.ScoredBatch;
import io.penultimate.stream.ScoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AnswerMetricsTest {
  private static final Map<ScoreName, Double> NO_CALIBRATION = Map.of();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AnswerMetrics answers = new AnswerMetrics(registry, new AnswerSettings(0.05, 0.1), 4);

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private static ScoredEvent event(double confidence, double oodPValue) {
    return new ScoredEvent("e", 0, "0", 0.5, Map.of(), confidence, oodPValue, oodPValue < 0.05, confidence, List.of(), "m", "b", null, 0);
  }

  @Test
  void reportsNaNEstimatesAndNoEventsBeforeAnyScoredEvent() {
    assertThat(gauge("penultimate.estimated.accuracy")).isNaN();
    assertThat(gauge("penultimate.estimated.ood.share")).isNaN();
    assertThat(gauge("penultimate.estimate.events")).isZero();
  }

  /**
   * Window 4. After six events the last four hold confidences 0.5, 0.75, 1, 0.25 (mean 0.625) and
   * p-values 0.9, 0.2, 0.01, 0.03: one above λ = 1/2, so π̂₀ = 1 / (4 · (1 − 1/2)) = 1/2 and the
   * estimated OOD share is 1/2. Before the last two events they were 0.9, 0.2, 0.7, 0.6 after
   * four: three above, π̂₀ = min(1, 3/2) = 1, share 0.
   */
  @Test
  void estimatesAccuracyAsTheMeanConfidenceAndTheOodShareByStoreyOverTheLastEvents() {
    answers.batchScored(batch(event(0.125, 0.7), event(0.625, 0.6), event(0.5, 0.9), event(0.75, 0.2)), 1);
    assertThat(gauge("penultimate.estimated.ood.share")).as("the cap at pi0 = 1").isZero();
    answers.batchScored(batch(event(1, 0.01)), 1);
    answers.batchScored(batch(event(0.25, 0.03)), 1);

    assertThat(gauge("penultimate.estimate.events")).isEqualTo(4);
    assertThat(gauge("penultimate.estimated.accuracy")).isEqualTo(0.625);
    assertThat(gauge("penultimate.estimated.ood.share")).isEqualTo(0.5);
  }

  @Test
  void exportsWhatTheBundleDeclaredForTheAnswersAfterTheSettingsAreCollected() throws Exception {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    AnswerMetrics held = new AnswerMetrics(own, new AnswerSettings(0.01, 0.25), 4);
    // Micrometer holds a gauge's object weakly: nothing but the binder keeps the settings alive
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(own.get("penultimate.ood.alpha").gauge().value()).isEqualTo(0.01);
    assertThat(own.get("penultimate.assumed.ood.share").gauge().value()).isEqualTo(0.25);
    assertThat(held).isNotNull();
  }

  @Test
  void countsLabelledOutcomesByTheirEventsOodFlag() {
    answers.outcome(Outcome.of("a", 1, 1, Map.of(), new EventAnswers(0.9, 0.01, true, 0.1), 0), NO_CALIBRATION);
    answers.outcome(Outcome.of("b", 1, 2, Map.of(), new EventAnswers(0.9, 0.6, false, 0.8), 0), NO_CALIBRATION);
    answers.outcome(Outcome.of("c", 1, 1, Map.of(), new EventAnswers(0.9, 0.3, false, 0.8), 0), NO_CALIBRATION);

    assertThat(registry.get("penultimate.outcomes").tag("ood", "true").counter().count()).isEqualTo(1);
    assertThat(registry.get("penultimate.outcomes").tag("ood", "false").counter().count()).isEqualTo(2);
  }

  /**
   * Stream threads add batches while the scraper reads. Batches alternate between confidences
   * 1/8, 3/8, 5/8, 7/8 and the same reversed (mean 1/2 either way), each with one p-value of four
   * above λ, first or last (π̂₀ = (n/4)/(n/2) = 1/2). The window holds whole batches, so every
   * read, whenever it happens, must see exactly 1/2 for both, and a multiple of four events; a read
   * in the middle of a batch would see a mixture of the two orders.
   */
  @Test
  void neverShowsAHalfAddedBatchToAConcurrentScrape() throws Exception {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    AnswerMetrics metered = new AnswerMetrics(own, new AnswerSettings(0.05, 0.1), 64);
    ScoredBatch[] batches = {
      batch(event(0.125, 0.9), event(0.375, 0.1), event(0.625, 0.2), event(0.875, 0.3)),
      batch(event(0.875, 0.3), event(0.625, 0.2), event(0.375, 0.1), event(0.125, 0.9))
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        writers.add(threads.submit(() -> {
          for (int i = 0; i < 1_000_000; i++) {
            metered.batchScored(batches[i % 2], 1);
          }
        }));
      }
      List<String> seen = new ArrayList<>();
      while (writers.stream().anyMatch(f -> !f.isDone())) {
        double accuracy = own.get("penultimate.estimated.accuracy").gauge().value();
        double share = own.get("penultimate.estimated.ood.share").gauge().value();
        double events = own.get("penultimate.estimate.events").gauge().value();
        if (!(Double.isNaN(accuracy) || accuracy == 0.5) || !(Double.isNaN(share) || share == 0.5) || events % 4 != 0) {
          seen.add(accuracy + " " + share + " " + events);
        }
      }
      for (Future<?> writer : writers) {
        writer.get(1, TimeUnit.MINUTES);
      }
      assertThat(seen).as("reads of a half-added batch").isEmpty();
      assertThat(own.get("penultimate.estimate.events").gauge().value()).isEqualTo(64);
      assertThat(own.get("penultimate.estimated.accuracy").gauge().value()).isEqualTo(0.5);
      assertThat(own.get("penultimate.estimated.ood.share").gauge().value()).isEqualTo(0.5);
    } finally {
      threads.shutdownNow();
    }
  }
}
