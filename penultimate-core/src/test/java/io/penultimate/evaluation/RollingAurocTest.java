package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingAurocTest {

  @Test
  void matchesTheBatchAurocOfTheLastNObservationsOnRandomStreams() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      int capacity = 1 + random.nextInt(60);
      RollingAuroc rolling = new RollingAuroc(capacity);
      List<RollingAuroc.Observation> all = new ArrayList<>();
      for (int step = 0; step < 400; step++) {
        // few distinct values, so that ties are frequent
        double score = random.nextBoolean() ? random.nextInt(5) : random.nextGaussian();
        boolean positive = random.nextDouble() < 0.6;
        rolling.add(score, positive);
        all.add(new RollingAuroc.Observation(score, positive));
        List<RollingAuroc.Observation> last = all.subList(Math.max(0, all.size() - capacity), all.size());
        double expected = bruteForce(last);
        if (Double.isNaN(expected)) {
          assertThat(rolling.auroc()).isNaN();
        } else {
          assertThat(rolling.auroc()).as("seed %d step %d", seed, step).isCloseTo(expected, within(1e-12));
        }
      }
    }
  }

  @Test
  void agreesWithTheBatchAurocWhenTheWindowHoldsEverything() {
    double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
    boolean[] positives = {false, false, true, true, true};
    RollingAuroc rolling = new RollingAuroc(10);
    for (int i = 0; i < scores.length; i++) {
      rolling.add(scores[i], positives[i]);
    }
    assertThat(rolling.auroc()).isEqualTo(Auroc.of(scores, positives));
  }

  @Test
  void isUndefinedNotZeroWhenTheWindowHoldsOneClass() {
    RollingAuroc rolling = new RollingAuroc(3);
    rolling.add(0.2, true);
    rolling.add(0.9, true);
    assertThat(rolling.auroc()).isNaN();
    rolling.add(0.5, false);
    assertThat(rolling.auroc()).isEqualTo(0.5);
    rolling.add(0.1, false);
    rolling.add(0.3, false);
    rolling.add(0.4, false);
    assertThat(rolling.auroc()).isNaN();
  }

  @Test
  void countsBothZerosAsATie() {
    RollingAuroc rolling = new RollingAuroc(4);
    rolling.add(-0.0, true);
    rolling.add(0.0, false);
    assertThat(rolling.auroc()).isEqualTo(0.5);
  }

  @Test
  void keepsOnlyTheLastNObservations() {
    RollingAuroc rolling = new RollingAuroc(2);
    rolling.add(1, true);
    rolling.add(0, false);
    rolling.add(5, false);
    assertThat(rolling.size()).isEqualTo(2);
    assertThat(rolling.positives()).isZero();
    assertThat(rolling.observations()).extracting(RollingAuroc.Observation::score).containsExactly(0.0, 5.0);
  }

  @Test
  void rejectsNaNScoresAndEmptyWindows() {
    assertThatThrownBy(() -> new RollingAuroc(0)).hasMessageContaining("found 0");
    assertThatThrownBy(() -> new RollingAuroc(5).add(Double.NaN, true)).hasMessageContaining("NaN");
  }

  private static double bruteForce(List<RollingAuroc.Observation> window) {
    double u = 0;
    long pairs = 0;
    for (RollingAuroc.Observation p : window) {
      for (RollingAuroc.Observation n : window) {
        if (p.positive() && !n.positive()) {
          pairs++;
          u += p.score() > n.score() ? 1 : p.score() == n.score() ? 0.5 : 0;
        }
      }
    }
    return pairs == 0 ? Double.NaN : u / pairs;
  }
}
