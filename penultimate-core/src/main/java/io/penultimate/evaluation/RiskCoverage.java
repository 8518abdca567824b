package io.penultimate.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Risk-coverage analysis of a selective classifier that accepts every sample whose confidence is ≥
 * a threshold t (higher confidence = accepted first), each sample carrying a failure flag and a
 * non-negative weight w_i. With W the total weight:
 *
 * <pre>
 * coverage(t)          = W_accepted(t) / W
 * generalized risk(t)  = W_accepted failures(t) / W              (Traub et al., NeurIPS 2024)
 * selective risk(t)    = W_accepted failures(t) / W_accepted(t)  (Geifman &amp; El-Yaniv 2017)
 * AUGRC = ∫₀¹ generalized risk d coverage     (Traub et al. 2024, "Overcoming Common Flaws in the
 *                                               Evaluation of Selective Classification Systems")
 * AURC  = ∫₀¹ selective risk d coverage       (Geifman, Uziel &amp; El-Yaniv, ICLR 2019)
 * </pre>
 *
 * <p>Ties: the samples tied at one confidence are accepted together, in random order. Along that
 * order's expected path, accepted weight and accepted failure weight both grow linearly through
 * the group, from (W₀, R₀) to (W₀ + G, R₀ + F). Every group, including a single sample, is
 * integrated exactly along that line, so both areas are exact:
 *
 * <pre>
 * AUGRC = Σ_groups G · (R₀ + F/2) / W²                                     (a trapezoid)
 * AURC  = Σ_groups (1/W) ∫₀¹ G (R₀ + F u)/(W₀ + G u) du
 *       = Σ_groups [F + (R₀ − F W₀/G) · ln(1 + G/W₀)] / W,   and F / W when W₀ = 0
 * </pre>
 *
 * For AUGRC this is the expected area over the random orders for any weights (the area is linear in
 * the path), and the same trapezoid over tie-group boundaries as Traub et al.'s fd-shifts code. For
 * AURC it is the expected area over random orders when the tied samples weigh the same; with unequal
 * weights inside a tie it is the area of the linear path. This AURC is fd-shifts' "non-linear"
 * interpolation; the trapezoid of selective risks (fd-shifts' default) and the step sum (1/n) Σ_k
 * risk_k of Geifman et al. differ from it by O(1/n). A perfect ranking with failure share f gives
 * AUGRC = f²/2 and AURC = f + (1 − f) ln(1 − f). Lower is better for both.
 *
 * <p>{@code points} is the curve for plots: (0, 0) and then one point per tie group that carries
 * weight, in order of decreasing confidence, ending at coverage 1. The selective risk at coverage 0
 * is its limit, F/G of the first group with weight.
 */
public record RiskCoverage(double augrc, double aurc, List<Point> points) {

  /** The curve after accepting every sample down to a tie group's confidence. */
  public record Point(double coverage, double generalizedRisk, double selectiveRisk) {}

  public RiskCoverage {
    points = List.copyOf(points);
  }

  /** Every sample weighs 1. */
  public static RiskCoverage of(double[] confidence, boolean[] failure) {
    double[] weight = new double[confidence.length];
    Arrays.fill(weight, 1);
    return of(confidence, failure, weight);
  }

  /**
   * Throws IllegalArgumentException if the arrays differ in length or are empty, a confidence is
   * NaN (±∞ are ordinary, comparable values), a weight is negative or not finite, or all weights
   * are 0.
   */
  public static RiskCoverage of(double[] confidence, boolean[] failure, double[] weight) {
    check(confidence, failure, weight);
    Integer[] order = new Integer[confidence.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // −0.0 + 0.0 is +0.0: the two zeros tie, as they do in Auroc
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> confidence[i] + 0.0).reversed());
    double total = 0;
    for (double w : weight) {
      total += w;
    }
    double acceptedWeight = 0;
    double acceptedFailures = 0;
    double doubledGeneralizedArea = 0;
    double selectiveArea = 0;
    List<Point> points = new ArrayList<>();
    int start = 0;
    while (start < order.length) {
      double tie = confidence[order[start]] + 0.0;
      double groupWeight = 0;
      double groupFailures = 0;
      int end = start;
      for (; end < order.length && confidence[order[end]] + 0.0 == tie; end++) {
        groupWeight += weight[order[end]];
        groupFailures += failure[order[end]] ? weight[order[end]] : 0;
      }
      start = end;
      if (groupWeight == 0) {
        continue; // moves neither coverage nor risk
      }
      if (points.isEmpty()) {
        points.add(new Point(0, 0, groupFailures / groupWeight));
      }
      doubledGeneralizedArea += groupWeight * (2 * acceptedFailures + groupFailures);
      selectiveArea += acceptedWeight == 0
          ? groupFailures
          : groupFailures + (acceptedFailures - groupFailures * acceptedWeight / groupWeight) * Math.log1p(groupWeight / acceptedWeight);
      acceptedWeight += groupWeight;
      acceptedFailures += groupFailures;
      points.add(new Point(acceptedWeight / total, acceptedFailures / total, acceptedFailures / acceptedWeight));
    }
    return new RiskCoverage(doubledGeneralizedArea / (2 * total * total), selectiveArea / total, points);
  }

  /**
   * The joint task of accepting a prediction: a failure is a wrong in-distribution prediction or
   * any out-of-distribution sample, and the out-of-distribution samples make up the share {@code
   * oodShare} of the total weight ({@link #oodWeights}). With {@code oodShare} 0 this is the
   * misclassification task of the in-distribution samples alone. Error messages number the
   * out-of-distribution samples after the in-distribution ones. The same task's FPR@95TPR needs no
   * weights: {@link OodMetrics#fprAtTpr} of the correct predictions' confidences against the
   * failures'.
   */
  public static RiskCoverage joint(double[] inConfidence, boolean[] inCorrect, double[] outConfidence, double oodShare) {
    if (inConfidence.length != inCorrect.length) {
      throw new IllegalArgumentException(
          "in-distribution confidences and labels differ in length: " + inConfidence.length + " vs " + inCorrect.length);
    }
    OodMetrics.Pooled pooled = OodMetrics.pool(inConfidence, outConfidence);
    boolean[] failure = new boolean[pooled.scores().length];
    for (int i = 0; i < failure.length; i++) {
      failure[i] = i >= inCorrect.length || !inCorrect[i];
    }
    return of(pooled.scores(), failure, oodWeights(inConfidence.length, outConfidence.length, oodShare));
  }

  /**
   * Weights that give {@code inCount} in-distribution samples, listed first, the share 1 − π of the
   * total and {@code outCount} out-of-distribution samples the share π: (1 − π)/inCount each, then
   * π/outCount each (0 each when π = 0, so they count for nothing). π must be in [0, 1): at π = 1 no
   * in-distribution sample would count, and every ranking would score the same. The order matches
   * {@link OodMetrics#pool}.
   */
  public static double[] oodWeights(int inCount, int outCount, double oodShare) {
    if (!(oodShare >= 0 && oodShare < 1)) {
      throw new IllegalArgumentException("OOD share must be in [0, 1), found " + oodShare);
    }
    if (inCount < 1 || outCount < 0 || (oodShare > 0 && outCount == 0)) {
      throw new IllegalArgumentException("need at least one in-distribution sample, and an out-of-distribution one when the OOD share is positive, found "
          + inCount + " and " + outCount + " at share " + oodShare);
    }
    double[] weight = new double[inCount + outCount];
    Arrays.fill(weight, 0, inCount, (1 - oodShare) / inCount);
    if (outCount > 0) {
      Arrays.fill(weight, inCount, weight.length, oodShare / outCount);
    }
    return weight;
  }

  private static void check(double[] confidence, boolean[] failure, double[] weight) {
    if (confidence.length != failure.length || confidence.length != weight.length) {
      throw new IllegalArgumentException("confidences, failure flags and weights differ in length: "
          + confidence.length + ", " + failure.length + " and " + weight.length);
    }
    if (confidence.length == 0) {
      throw new IllegalArgumentException("need at least one sample, found none");
    }
    Checks.finite(confidence, "confidence", true);
    Checks.finite(weight, "weight", false);
    double total = 0;
    for (int i = 0; i < weight.length; i++) {
      if (weight[i] < 0) {
        throw new IllegalArgumentException("weight " + i + " must not be negative, found " + weight[i]);
      }
      total += weight[i];
    }
    if (total == 0) {
      throw new IllegalArgumentException("the weights must not all be 0");
    }
  }
}
