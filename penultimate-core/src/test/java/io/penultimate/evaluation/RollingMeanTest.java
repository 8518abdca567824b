package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingMeanTest {

  @Test
  void equalsTheMeanOfTheLastNValuesAtEveryStepOfRandomStreams() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      int capacity = 1 + random.nextInt(40);
      RollingMean rolling = new RollingMean(capacity);
      double[] stream = new double[500];
      for (int step = 0; step < stream.length; step++) {
        stream[step] = random.nextDouble();
        rolling.add(stream[step]);
        double[] last = Arrays.copyOfRange(stream, Math.max(0, step + 1 - capacity), step + 1);
        assertThat(rolling.mean()).as("seed %d step %d", seed, step).isCloseTo(Arrays.stream(last).average().orElseThrow(), within(1e-14));
        assertThat(rolling.size()).isEqualTo(last.length);
      }
    }
  }

  @Test
  void forgetsTheValuesThatLeftTheWindow() {
    RollingMean rolling = new RollingMean(3);
    rolling.add(0.9);
    rolling.add(0.6);
    assertThat(rolling.mean()).isCloseTo(0.75, within(1e-15));
    rolling.add(0.3);
    rolling.add(0.0);
    // 0.9 left: (0.6 + 0.3 + 0) / 3
    assertThat(rolling.mean()).isCloseTo(0.3, within(1e-15));
  }

  @Test
  void recoversFromRoundingOnceTheWindowHasTurnedOver() {
    // 1e16 + 1 rounds to 1e16, so a sum kept only by adding and subtracting ends one short after
    // the 1e16 leaves; the sum recomputed every capacity updates is exact again.
    RollingMean rolling = new RollingMean(2);
    rolling.add(1e16);
    rolling.add(1);
    rolling.add(1);
    rolling.add(1);
    assertThat(rolling.mean()).isEqualTo(1);
  }

  @Test
  void isUndefinedWhileEmpty() {
    assertThat(new RollingMean(4).mean()).isNaN();
  }

  @Test
  void rejectsValuesThatAreNotFiniteAndKeepsItsWindow() {
    RollingMean rolling = new RollingMean(3);
    rolling.add(0.5);
    assertThatThrownBy(() -> rolling.add(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> rolling.add(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-Infinity");
    assertThat(rolling.mean()).isEqualTo(0.5);
    assertThatThrownBy(() -> new RollingMean(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
  }
}
