package io.penultimate.evaluation;

import java.util.Arrays;

/**
 * Threshold metrics for out-of-distribution detection (higher score = more in-distribution).
 *
 * <p>FPR@TPR: the threshold is set on in-distribution scores so that a share {@code tpr} of them is
 * kept, and the metric is the share of out-of-distribution scores that would also be kept (FPR at
 * 95% TPR: Hendrycks &amp; Gimpel 2017; Liang et al. 2018).
 *
 * <p>Tie convention: a score is kept when it is ≥ the threshold, and the threshold is an observed
 * score, the largest one that keeps at least ⌈tpr·n⌉ of the n positives. When several positives tie at
 * the threshold they are all kept, so the share kept can exceed {@code tpr}; out-of-distribution
 * scores equal to the threshold count as false positives.
 */
public final class OodMetrics {
  /** Slack for the binary representation of {@code tpr}: 0.95·20 must keep 19 samples, not 20. */
  private static final double COUNT_SLACK = 1e-9;

  private OodMetrics() {}

  /** In- and out-of-distribution scores as one labelled sample: in-distribution first, positive. */
  public record Pooled(double[] scores, boolean[] inDistribution) {}

  /** Pools the two score sets for AUROC or a ROC curve of in- vs out-of-distribution. */
  public static Pooled pool(double[] inScores, double[] outScores) {
    double[] scores = Arrays.copyOf(inScores, inScores.length + outScores.length);
    System.arraycopy(outScores, 0, scores, inScores.length, outScores.length);
    boolean[] inDistribution = new boolean[scores.length];
    Arrays.fill(inDistribution, 0, inScores.length, true);
    return new Pooled(scores, inDistribution);
  }

  /**
   * The largest observed score t such that at least ⌈tpr·n⌉ of {@code positiveScores} are ≥ t, e.g.
   * the threshold that keeps 95% of the validation split's correct predictions.
   */
  public static double thresholdAtTpr(double[] positiveScores, double tpr) {
    if (!(tpr > 0 && tpr <= 1)) {
      throw new IllegalArgumentException("tpr must be in (0, 1], found " + tpr);
    }
    if (positiveScores.length == 0) {
      throw new IllegalArgumentException("need at least one positive score, found none");
    }
    Checks.finite(positiveScores, "positive score", true);
    double[] sorted = positiveScores.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    int kept = (int) Math.max(1, Math.ceil(tpr * n - COUNT_SLACK));
    return sorted[n - kept] + 0.0;
  }

  /** Share of {@code outScores} ≥ {@link #thresholdAtTpr thresholdAtTpr(inScores, tpr)}. */
  public static double fprAtTpr(double[] inScores, double[] outScores, double tpr) {
    double threshold = thresholdAtTpr(inScores, tpr);
    if (outScores.length == 0) {
      throw new IllegalArgumentException("need at least one out-of-distribution score, found none");
    }
    Checks.finite(outScores, "out-of-distribution score", true);
    int kept = 0;
    for (double s : outScores) {
      kept += s >= threshold ? 1 : 0;
    }
    return (double) kept / outScores.length;
  }
}
