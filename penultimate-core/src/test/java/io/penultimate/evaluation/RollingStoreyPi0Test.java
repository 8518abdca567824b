package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingStoreyPi0Test {

  @Test
  void equalsTheBatchEstimateOfTheLastNPValuesAtEveryStep() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      int capacity = 1 + random.nextInt(50);
      double lambda = random.nextInt(4) / 4.0;
      RollingStoreyPi0 rolling = new RollingStoreyPi0(capacity, lambda);
      double[] stream = new double[300];
      for (int step = 0; step < stream.length; step++) {
        // quarters often, so that p-values equal to λ occur
        stream[step] = random.nextBoolean() ? random.nextInt(5) / 4.0 : random.nextDouble();
        rolling.add(stream[step]);
        double[] last = Arrays.copyOfRange(stream, Math.max(0, step + 1 - capacity), step + 1);
        assertThat(rolling.pi0()).as("seed %d step %d", seed, step).isEqualTo(StoreyPi0.pi0(last, lambda));
        assertThat(rolling.size()).isEqualTo(last.length);
      }
    }
  }

  @Test
  void forgetsThePValuesThatLeftTheWindow() {
    RollingStoreyPi0 rolling = new RollingStoreyPi0(4, 0.5);
    for (double p : new double[] {0.9, 0.8, 0.01, 0.02}) {
      rolling.add(p);
    }
    // 2 of 4 above 1/2: 2 / (4 · 0.5) = 1
    assertThat(rolling.pi0()).isEqualTo(1);
    rolling.add(0.03);
    rolling.add(0.04);
    // the 0.9 and 0.8 left: none above, an OOD share of 1
    assertThat(rolling.oodShare()).isEqualTo(1);
    rolling.add(0.7);
    // .01 left; window .02 .03 .04 .7: 1 / 2
    assertThat(rolling.pi0()).isEqualTo(0.5);
  }

  @Test
  void followsTheOodShareOfTheStreamOnceTheWindowHasTurnedOver() {
    // 5,000 uniform p-values, then the 20% mixture of StoreyPi0Test (Beta(0.02, 1), seed 1).
    RollingStoreyPi0 rolling = new RollingStoreyPi0(5000, StoreyPi0.DEFAULT_LAMBDA);
    Random random = new Random(1);
    for (int i = 0; i < 5000; i++) {
      rolling.add(random.nextDouble());
    }
    assertThat(rolling.oodShare()).isCloseTo(0, within(0.03));
    for (double p : StoreyPi0Test.mixture(1, 5000, 0.02)) {
      rolling.add(p);
    }
    assertThat(rolling.oodShare()).isCloseTo(0.2, within(0.03));
    assertThat(rolling.oodShare()).isEqualTo(StoreyPi0.oodShare(StoreyPi0Test.mixture(1, 5000, 0.02), 0.5));
  }

  @Test
  void isUndefinedWhileEmpty() {
    RollingStoreyPi0 rolling = new RollingStoreyPi0(3, 0.5);
    assertThat(rolling.pi0()).isNaN();
    assertThat(rolling.oodShare()).isNaN();
    assertThat(rolling.lambda()).isEqualTo(0.5);
  }

  @Test
  void rejectsBadPValuesCapacitiesAndLambdasAndKeepsItsWindow() {
    RollingStoreyPi0 rolling = new RollingStoreyPi0(3, 0.5);
    rolling.add(0.9);
    assertThatThrownBy(() -> rolling.add(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> rolling.add(-0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.5");
    assertThat(rolling.size()).isEqualTo(1);
    assertThatThrownBy(() -> new RollingStoreyPi0(0, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
    assertThatThrownBy(() -> new RollingStoreyPi0(10, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda");
  }
}
