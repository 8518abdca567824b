package io.penultimate.report;

import io.penultimate.evaluation.OodMetrics;
import io.penultimate.evaluation.RiskCoverage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Measures on the joint task, where accepting a wrong in-distribution prediction or any
 * out-of-distribution input is a failure and OOD samples are weighted to make up a share π of the
 * total weight (see {@link RiskCoverage#joint}): AUGRC, AURC, and the weighted share of failures
 * accepted at the threshold that keeps 95% of the correct in-distribution predictions.
 *
 * @param augrc area under the generalized risk-coverage curve, lower is better
 * @param aurc area under the selective risk-coverage curve, lower is better
 * @param fpr95 weighted share of failures at or above the threshold keeping 95% of correct
 *     in-distribution predictions, lower is better
 */
public record JointTask(double augrc, double aurc, double fpr95) {

  /**
   * @param in the confidence of each in-distribution test sample
   * @param correct whether each of their predictions is right
   * @param out the confidence of each out-of-distribution sample
   * @param oodShare π, in [0, 1)
   */
  public static JointTask of(double[] in, boolean[] correct, double[] out, double oodShare) {
    RiskCoverage curve = RiskCoverage.joint(in, correct, out, oodShare);
    return new JointTask(curve.augrc(), curve.aurc(), fpr95(in, correct, out, oodShare));
  }

  private static double fpr95(double[] in, boolean[] correct, double[] out, double oodShare) {
    double[] weights = RiskCoverage.oodWeights(in.length, out.length, oodShare);
    int right = 0;
    for (boolean c : correct) {
      right += c ? 1 : 0;
    }
    double[] positives = new double[right];
    for (int i = 0, j = 0; i < in.length; i++) {
      if (correct[i]) {
        positives[j++] = in[i];
      }
    }
    double threshold = OodMetrics.thresholdAtTpr(positives, 0.95);
    double failures = 0;
    double accepted = 0;
    for (int i = 0; i < in.length + out.length; i++) {
      boolean failure = i >= in.length || !correct[i];
      if (failure) {
        double value = i < in.length ? in[i] : out[i - in.length];
        failures += weights[i];
        accepted += value >= threshold ? weights[i] : 0;
      }
    }
    return failures == 0 ? 0 : accepted / failures;
  }

  /** One field of a table of measures keyed by column name, as JSON maps want it. */
  static Map<String, Double> field(Map<String, JointTask> byColumn, java.util.function.ToDoubleFunction<JointTask> field) {
    Map<String, Double> out = new LinkedHashMap<>();
    byColumn.forEach((column, task) -> out.put(column, field.applyAsDouble(task)));
    return out;
  }
}
