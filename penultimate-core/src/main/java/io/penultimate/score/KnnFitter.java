package io.penultimate.score;

import java.util.Arrays;
import java.util.Random;

/**
 * Fits a {@link KnnModel} for deep nearest-neighbour confidence (Sun et al., ICML 2022,
 * "Out-of-Distribution Detection with Deep Nearest Neighbors"): stores the L2-normalised fitting
 * vectors z_i = h_i / ||h_i||.
 *
 * <p>At most {@code cap} vectors are stored: with more fitting vectors than that, a uniform sample
 * of {@code cap} of them without replacement, drawn with {@code seed} (a partial Fisher–Yates
 * shuffle of the indices with {@link java.util.Random}, so the same seed draws the same sample on
 * every JVM), kept in their original order. Sun et al. show the detector keeps its accuracy with a
 * small random share of the training set (their ImageNet experiments keep 1%); the cap bounds the
 * per-event cost, which is one pass over cap × d stored values, and the bundle's size.
 *
 * <p>Feed it the hidden vectors of the training samples the network classifies correctly (Sun et
 * al. store the whole training set; the bundle fits every density on the correct ones).
 *
 * @param k the neighbour whose distance is the score, default {@value #DEFAULT_K} (the paper's
 *     choice for CIFAR-10); at least 1. A model of fewer than k vectors uses the farthest one.
 * @param cap most vectors stored, default {@value #DEFAULT_CAP}; at least 1
 * @param seed seed of the subsample
 */
public record KnnFitter(int k, int cap, long seed) {

  public static final int DEFAULT_K = 50;
  /** Measured per event with {@code ScoreBenchmark} (see the README's Performance section). */
  public static final int DEFAULT_CAP = 5_000;
  public static final long DEFAULT_SEED = 42;

  public KnnFitter {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, found " + k);
    }
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be >= 1, found " + cap);
    }
  }

  public KnnFitter() {
    this(DEFAULT_K, DEFAULT_CAP, DEFAULT_SEED);
  }

  /** @param hidden N hidden vectors of equal length d, all finite */
  public KnnModel fit(double[][] hidden) {
    Checks.present(hidden, "hidden");
    if (hidden.length == 0) {
      throw new IllegalArgumentException("need at least one hidden vector, found none");
    }
    int d = Checks.present(hidden[0], "hidden[0]").length;
    if (d == 0) {
      throw new IllegalArgumentException("hidden[0] must not be empty");
    }
    for (int i = 0; i < hidden.length; i++) {
      Checks.requireVector(hidden[i], d, "hidden[" + i + "]");
    }
    boolean[] keep = sample(hidden.length);
    float[][] vectors = new float[Math.min(cap, hidden.length)][];
    for (int i = 0, row = 0; i < hidden.length; i++) {
      if (keep[i]) {
        vectors[row++] = KnnScore.normalise(hidden[i]);
      }
    }
    return new KnnModel(Math.min(k, vectors.length), vectors);
  }

  /** Which of n indices the uniform sample of min(cap, n) keeps. */
  private boolean[] sample(int n) {
    boolean[] keep = new boolean[n];
    if (n <= cap) {
      Arrays.fill(keep, true);
      return keep;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = 0; i < cap; i++) {
      int j = i + random.nextInt(n - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      keep[order[i]] = true;
    }
    return keep;
  }
}
