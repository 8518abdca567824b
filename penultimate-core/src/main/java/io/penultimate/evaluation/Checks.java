package io.penultimate.evaluation;

/** Input checks shared by the metrics: every public entry point validates before it computes. */
final class Checks {
  private Checks() {}

  /** Scores and labels must pair up, no score may be NaN, and both classes must occur at least {@code minPerClass} times. */
  static void labelledScores(double[] scores, boolean[] positives, int minPerClass) {
    if (scores.length != positives.length) {
      throw new IllegalArgumentException(
          "scores and labels differ in length: " + scores.length + " vs " + positives.length);
    }
    finite(scores, "score", true);
    int positiveCount = 0;
    for (boolean p : positives) {
      positiveCount += p ? 1 : 0;
    }
    int negativeCount = positives.length - positiveCount;
    if (positiveCount < minPerClass || negativeCount < minPerClass) {
      throw new IllegalArgumentException(
          "need at least " + minPerClass + " positive(s) and " + minPerClass
              + " negative(s), found " + positiveCount + " and " + negativeCount);
    }
  }

  /** Rejects NaN everywhere and, unless {@code infinityAllowed}, ±∞ too. */
  static void finite(double[] values, String name, boolean infinityAllowed) {
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v) || (!infinityAllowed && Double.isInfinite(v))) {
        throw new IllegalArgumentException(name + " " + i + " must be " + (infinityAllowed ? "a number" : "finite") + ", found " + v);
      }
    }
  }

  /** Rejects NaN and every value outside [0, 1] (probabilities, p-values), naming the first offender. */
  static void unitInterval(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " " + i + " must be in [0, 1], found " + v);
      }
    }
  }

  /** Splits scores by label, mapping -0.0 to +0.0 so that the two zeros tie as {@code ==} says they do. */
  static double[] select(double[] scores, boolean[] positives, boolean wanted) {
    int count = 0;
    for (boolean p : positives) {
      count += p == wanted ? 1 : 0;
    }
    double[] out = new double[count];
    int j = 0;
    for (int i = 0; i < scores.length; i++) {
      if (positives[i] == wanted) {
        out[j++] = scores[i] + 0.0;
      }
    }
    return out;
  }
}
