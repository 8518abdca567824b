package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingCalibrationTest {

  @Test
  void equalsTheBatchEceOfTheLastNPredictionsAtEveryStepOfRandomStreams() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      int capacity = 1 + random.nextInt(60);
      RollingCalibration rolling = new RollingCalibration(capacity);
      List<Double> confidences = new ArrayList<>();
      List<Boolean> outcomes = new ArrayList<>();
      for (int step = 0; step < 400; step++) {
        // bin edges k/15 (including 0 and 1) often, so that the right-closed bins are exercised
        double confidence = random.nextBoolean() ? random.nextInt(16) / 15.0 : random.nextDouble();
        boolean correct = random.nextDouble() < confidence;
        rolling.add(confidence, correct);
        confidences.add(confidence);
        outcomes.add(correct);
        int from = Math.max(0, confidences.size() - capacity);
        double[] c = confidences.subList(from, confidences.size()).stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] k = new boolean[c.length];
        for (int i = 0; i < k.length; i++) {
          k[i] = outcomes.get(from + i);
        }
        assertThat(rolling.expected()).as("seed %d step %d", seed, step)
            .isCloseTo(CalibrationError.expected(c, k), within(1e-12));
      }
    }
  }

  @Test
  void forgetsThePredictionsThatLeftTheWindow() {
    RollingCalibration rolling = new RollingCalibration(2);
    rolling.add(0.9, true);
    rolling.add(0.9, false);
    // one bin: |1 hit - 1.8| / 2
    assertThat(rolling.expected()).isCloseTo(0.4, within(1e-15));
    rolling.add(0.2, true);
    // the first 0.9 leaves: (|0 - .9| + |1 - .2|) / 2
    assertThat(rolling.expected()).isCloseTo(0.85, within(1e-15));
  }

  @Test
  void isUndefinedWhileEmpty() {
    assertThat(new RollingCalibration(5).expected()).isNaN();
  }

  @Test
  void rejectsConfidencesOutsideTheUnitIntervalAndKeepsItsWindow() {
    RollingCalibration rolling = new RollingCalibration(5);
    rolling.add(1, true);
    for (double bad : new double[] {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> rolling.add(bad, true))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found " + bad);
    }
    assertThat(rolling.expected()).isZero();
  }

  @Test
  void rejectsAWindowOfLessThanOne() {
    assertThatThrownBy(() -> new RollingCalibration(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
  }
}
