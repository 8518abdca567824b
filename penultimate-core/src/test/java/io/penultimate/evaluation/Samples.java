package io.penultimate.evaluation;

import java.util.Random;

/** Seeded labelled scores for the property tests; coarse rounding makes ties common. */
record Samples(double[] scores, boolean[] positives) {

  static Samples random(long seed, int n, double roundTo) {
    Random random = new Random(seed);
    double[] scores = new double[n];
    boolean[] positives = new boolean[n];
    for (int i = 0; i < n; i++) {
      positives[i] = i < 2 || (i >= 4 && random.nextBoolean()); // at least two of each class
      double raw = random.nextGaussian() + (positives[i] ? 0.8 : 0);
      scores[i] = Math.round(raw / roundTo) * roundTo;
    }
    return new Samples(scores, positives);
  }
}
