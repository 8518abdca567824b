package io.penultimate.evaluation;

/**
 * The CT rating data of Hanley &amp; McNeil (1982), Table 1: 109 patients rated on a 5-point scale
 * (1 = definitely normal .. 5 = definitely abnormal); 58 truly normal, 51 truly abnormal.
 */
final class HanleyMcNeil {
  private static final int[] NORMAL_PER_RATING = {33, 6, 6, 11, 2};
  private static final int[] ABNORMAL_PER_RATING = {3, 2, 2, 11, 33};

  private HanleyMcNeil() {}

  /** Scores are the ratings; positives are the abnormal cases. */
  static Samples ctRatings() {
    double[] scores = new double[109];
    boolean[] positives = new boolean[109];
    int i = 0;
    for (int rating = 1; rating <= 5; rating++) {
      for (int k = 0; k < NORMAL_PER_RATING[rating - 1]; k++) {
        scores[i++] = rating;
      }
      for (int k = 0; k < ABNORMAL_PER_RATING[rating - 1]; k++) {
        positives[i] = true;
        scores[i++] = rating;
      }
    }
    return new Samples(scores, positives);
  }
}
