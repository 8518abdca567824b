package io.penultimate.evaluation;

/**
 * Exact area under the ROC curve of a confidence score (higher = more confident; positive =
 * correct prediction, or in-distribution sample).
 *
 * <p>AUROC = P(s⁺ > s⁻) + ½ P(s⁺ = s⁻) = (R⁺ − n⁺(n⁺+1)/2) / (n⁺ n⁻), where R⁺ is the sum of the
 * positives' midranks in the pooled sample (Mann–Whitney U; Hanley &amp; McNeil 1982). Midranks
 * count each tie as half, so the value equals the trapezoidal area under {@link RocCurve}.
 */
public final class Auroc {
  private Auroc() {}

  /** Throws IllegalArgumentException if a score is NaN (±∞ are ordinary, comparable scores) or a class is empty. */
  public static double of(double[] scores, boolean[] positives) {
    Checks.labelledScores(scores, positives, 1);
    double[] ranks = Ranks.midranks(scores);
    double rankSum = 0;
    long positiveCount = 0;
    for (int i = 0; i < scores.length; i++) {
      if (positives[i]) {
        rankSum += ranks[i];
        positiveCount++;
      }
    }
    long negativeCount = scores.length - positiveCount;
    return (rankSum - positiveCount * (positiveCount + 1) / 2.0) / ((double) positiveCount * negativeCount);
  }
}
