package io.penultimate.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PermutationTest {

  @Test
  void ordersEveryIndexOnceAndTheSameWayForTheSameSeed() {
    int[] order = Permutation.shuffled(1_000, new Random(5));

    assertThat(order).hasSize(1_000);
    assertThat(order).isNotEqualTo(Permutation.shuffled(1_000, new Random(6)));
    assertThat(Permutation.shuffled(1_000, new Random(5))).containsExactly(order);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
  }

  @Test
  void swapsEachPositionFromTheEndWithTheGeneratorsNextDraw() {
    // new Random(1) draws nextInt(5..2) = 0, 0, 1, 0: 01234 -> 41230 -> 31240 -> 32140 -> 23140
    assertThat(Permutation.shuffled(5, new Random(1))).containsExactly(2, 3, 1, 4, 0);
    assertThat(Permutation.shuffled(0, new Random(1))).isEmpty();
    assertThat(Permutation.shuffled(1, new Random(1))).containsExactly(0);
  }
}
