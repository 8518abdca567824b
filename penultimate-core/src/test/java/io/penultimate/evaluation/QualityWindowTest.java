package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QualityWindowTest {
  private record Labelled(long timestamp, double[] scores, double[] calibrated, boolean correct) {}

  @Test
  void matchesBatchMeasuresOverTheEventsWithinTheSpanAndCapacityAtEveryStep() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      int capacity = 5 + random.nextInt(50);
      Duration span = Duration.ofMillis(50 + random.nextInt(500));
      QualityWindow window = new QualityWindow(2, capacity, span);
      List<Labelled> all = new ArrayList<>();
      long now = 0;
      for (int step = 0; step < 300; step++) {
        now += random.nextInt(20);
        double[] scores = {random.nextInt(5), random.nextGaussian()};
        double[] calibrated = {random.nextDouble(), random.nextDouble()};
        boolean correct = random.nextDouble() < 0.7;
        window.add(now, scores, calibrated, correct);
        all.add(new Labelled(now, scores, calibrated, correct));

        // timestamps increase here, so the window is the last events within both bounds
        List<Labelled> expected = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && expected.size() < capacity && all.get(i).timestamp() >= now - span.toMillis(); i--) {
          expected.add(0, all.get(i));
        }
        assertThat(window.size()).as("seed %d step %d", seed, step).isEqualTo(expected.size());
        boolean[] correctness = new boolean[expected.size()];
        int hits = 0;
        for (int i = 0; i < correctness.length; i++) {
          correctness[i] = expected.get(i).correct();
          hits += correctness[i] ? 1 : 0;
        }
        assertThat(window.accuracy()).isCloseTo((double) hits / expected.size(), within(1e-12));
        for (int s = 0; s < 2; s++) {
          int score = s;
          double[] raw = expected.stream().mapToDouble(l -> l.scores()[score]).toArray();
          double[] cal = expected.stream().mapToDouble(l -> l.calibrated()[score]).toArray();
          boolean bothClasses = hits > 0 && hits < expected.size();
          if (bothClasses) {
            assertThat(window.auroc(s)).isCloseTo(Auroc.of(raw, correctness), within(1e-12));
          } else {
            assertThat(window.auroc(s)).isNaN();
          }
          assertThat(window.expectedCalibrationError(s)).isCloseTo(CalibrationError.expected(cal, correctness), within(1e-12));
        }
      }
    }
  }

  @Test
  void aCountOnlyWindowKeepsOldEventsWhateverTheirAge() {
    QualityWindow window = new QualityWindow(1, 3, null);
    window.add(0, new double[] {0.9}, new double[] {0.9}, true);
    window.add(1_000_000_000L, new double[] {0.1}, new double[] {0.1}, false);
    assertThat(window.size()).isEqualTo(2);
    assertThat(window.auroc(0)).isEqualTo(1.0);
  }

  @Test
  void aLateEventWithAnOldTimestampDoesNotEmptyTheWindow() {
    QualityWindow window = new QualityWindow(1, 10, Duration.ofMillis(100));
    window.add(1_000, new double[] {0.9}, new double[] {0.9}, true);
    window.add(1_050, new double[] {0.2}, new double[] {0.2}, false);
    window.add(10, new double[] {0.5}, new double[] {0.5}, true);
    assertThat(window.size()).isEqualTo(3);
    window.add(1_200, new double[] {0.4}, new double[] {0.4}, false);
    // 1000 and 1050 are older than 1200 - 100 and leave, and so does the late one behind them
    assertThat(window.size()).isEqualTo(1);
  }

  @Test
  void anEmptyWindowIsUndefinedNotZero() {
    QualityWindow window = new QualityWindow(1, 3, Duration.ofSeconds(1));
    assertThat(window.accuracy()).isNaN();
    assertThat(window.auroc(0)).isNaN();
    assertThat(window.expectedCalibrationError(0)).isNaN();
  }

  @Test
  void rejectsANonPositiveSpanOrCapacity() {
    assertThatThrownBy(() -> new QualityWindow(1, 0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new QualityWindow(1, 5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
