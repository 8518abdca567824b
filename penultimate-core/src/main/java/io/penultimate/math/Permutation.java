package io.penultimate.math;

import java.util.Random;

/** Seeded random orders of row indices, the same on every JVM for the same generator state. */
public final class Permutation {
  private Permutation() {}

  /**
   * 0..n−1 in the order a Fisher–Yates (Durstenfeld) shuffle with {@code random} leaves them:
   * each position from the end swapped with a uniform earlier one, one {@code nextInt} per position.
   */
  public static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
