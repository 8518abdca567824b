package io.penultimate.bundle;

import io.penultimate.evaluation.Auroc;
import io.penultimate.math.LogisticRegression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fits the three {@link Answers} on the validation split's scores, never on test or
 * out-of-distribution data. The split is halved at random (seeded, {@link #SPLIT_SEED}):
 *
 * <ul>
 *   <li>confidence: each candidate feature set of {@link #CONFIDENCE_CANDIDATES} is fitted on the
 *       first half and ranked by its misclassification AUROC on the second; the best (the
 *       earlier, simpler set on a tie) is refitted on the whole split. Sets whose fit gives a
 *       score a negative weight are skipped;
 *   <li>OOD p-value: each of {@link #OOD_DETECTORS} is referenced against the first half and the
 *       Fisher statistic calibrated on the second, so the p-value is calibrated on data the
 *       statistic never saw (see {@link OodPValue}). All validation inputs count, right or wrong:
 *       a wrong prediction on an in-distribution input is still in-distribution. The detectors are
 *       fixed a priori (the feature-space densities and distances, and energy in logit space), as
 *       no choice among them can be made without out-of-distribution data;
 *   <li>trust: the declared OOD share, nothing fitted (see {@link TrustScore}).
 * </ul>
 */
public final class AnswersFitter {
  public static final long SPLIT_SEED = 20_261_202L;
  public static final double DEFAULT_OOD_ALPHA = 0.05;
  /** L2 penalty per sample of the confidence regression. */
  public static final double CONFIDENCE_L2 = 1e-3;

  /** Feature sets for the confidence, simplest first: softmax alone is Platt scaling. */
  public static final List<List<ScoreName>> CONFIDENCE_CANDIDATES =
      List.of(
          List.of(ScoreName.SOFTMAX),
          List.of(ScoreName.SOFTMAX, ScoreName.MAHALANOBIS),
          List.of(ScoreName.SOFTMAX, ScoreName.GAUSSIAN));

  public static final List<ScoreName> OOD_DETECTORS = List.of(ScoreName.MAHALANOBIS, ScoreName.GAUSSIAN, ScoreName.ENERGY);

  private AnswersFitter() {}

  /**
   * @param scores every score of the validation split, one column per score
   * @param softmaxLogOdds the max softmax as log-odds, per validation sample
   * @param correct whether each validation prediction is right
   */
  public static Answers fit(
      Map<ScoreName, double[]> scores, double[] softmaxLogOdds, boolean[] correct, double oodAlpha, double oodShare) {
    int n = correct.length;
    int[] order = shuffled(n);
    int[] first = Arrays.copyOfRange(order, 0, n / 2);
    int[] second = Arrays.copyOfRange(order, n / 2, n);
    int needed = (int) Math.ceil(1 / oodAlpha) - 1;
    if (second.length < needed) {
      throw new IllegalArgumentException("the validation split has " + n + " samples; an OOD p-value below alpha " + oodAlpha
          + " needs at least " + needed + " in its calibration half (give a larger validation set or a larger --ood-alpha)");
    }
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = row(scores, i);
    }
    ConfidenceChoice choice = chooseConfidence(rows, softmaxLogOdds, correct, first, second);
    return new Answers(choice.chosen(), fitOod(rows, first, second, oodAlpha), new TrustScore(oodShare, TrustScore.DEFAULT_OOD_POWER),
        choice.record());
  }

  private record ConfidenceChoice(CalibratedConfidence chosen, Answers.ConfidenceChoice record) {}

  private static ConfidenceChoice chooseConfidence(
      double[][] rows, double[] logOdds, boolean[] correct, int[] first, int[] second) {
    double[] heldOut = new double[CONFIDENCE_CANDIDATES.size()];
    Integer[] ranked = new Integer[heldOut.length];
    for (int c = 0; c < heldOut.length; c++) {
      ranked[c] = c;
      List<ScoreName> features = CONFIDENCE_CANDIDATES.get(c);
      LogisticRegression.Model model = fitLogistic(features, rows, logOdds, correct, first);
      heldOut[c] = nonNegative(model) ? heldOutAuroc(new CalibratedConfidence(features, model), rows, logOdds, correct, second) : Double.NaN;
    }
    // best held-out AUROC first, NaN (skipped) last, the simpler set first on a tie
    Arrays.sort(ranked, (a, b) -> Double.compare(orMinus(heldOut[b]), orMinus(heldOut[a])));
    int[] all = new int[correct.length];
    Arrays.setAll(all, i -> i);
    for (int c : ranked) {
      if (Double.isNaN(heldOut[c])) {
        break;
      }
      List<ScoreName> features = CONFIDENCE_CANDIDATES.get(c);
      LogisticRegression.Model model = fitLogistic(features, rows, logOdds, correct, all);
      if (nonNegative(model)) {
        return new ConfidenceChoice(new CalibratedConfidence(features, model), new Answers.ConfidenceChoice(CONFIDENCE_CANDIDATES, heldOut, c));
      }
    }
    throw new IllegalArgumentException("no confidence feature set fits with non-negative weights on the validation split: "
        + "the scores do not rise with correctness there (check the model and the validation labels)");
  }

  private static double orMinus(double v) {
    return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
  }

  private static OodPValue fitOod(double[][] rows, int[] first, int[] second, double alpha) {
    List<ConformalPValue> references = new ArrayList<>();
    for (ScoreName detector : OOD_DETECTORS) {
      double[] reference = new double[first.length];
      for (int k = 0; k < first.length; k++) {
        reference[k] = rows[first[k]][detector.ordinal()];
      }
      references.add(ConformalPValue.fit(reference));
    }
    OodPValue uncalibrated = new OodPValue(OOD_DETECTORS, references, ConformalPValue.fit(new double[] {0}), alpha);
    double[] statistic = new double[second.length];
    for (int k = 0; k < second.length; k++) {
      statistic[k] = uncalibrated.statistic(rows[second[k]]);
    }
    return new OodPValue(OOD_DETECTORS, references, ConformalPValue.fit(statistic), alpha);
  }

  private static LogisticRegression.Model fitLogistic(
      List<ScoreName> features, double[][] rows, double[] logOdds, boolean[] correct, int[] subset) {
    double[][] x = new double[subset.length][];
    boolean[] y = new boolean[subset.length];
    for (int k = 0; k < subset.length; k++) {
      x[k] = CalibratedConfidence.featureRow(features, logOdds[subset[k]], rows[subset[k]]);
      y[k] = correct[subset[k]];
    }
    return LogisticRegression.fit(x, y, CONFIDENCE_L2);
  }

  private static double heldOutAuroc(
      CalibratedConfidence candidate, double[][] rows, double[] logOdds, boolean[] correct, int[] subset) {
    double[] values = new double[subset.length];
    boolean[] labels = new boolean[subset.length];
    for (int k = 0; k < subset.length; k++) {
      // the linear predictor, not σ of it: σ rounds confident samples to 1 and would tie them
      values[k] = candidate.model().logOdds(CalibratedConfidence.featureRow(candidate.features(), logOdds[subset[k]], rows[subset[k]]));
      labels[k] = correct[subset[k]];
    }
    return Auroc.of(values, labels);
  }

  private static boolean nonNegative(LogisticRegression.Model model) {
    return Arrays.stream(model.weights()).allMatch(w -> w >= 0);
  }

  private static double[] row(Map<ScoreName, double[]> scores, int i) {
    double[] row = new double[ScoreName.values().length];
    for (Map.Entry<ScoreName, double[]> column : scores.entrySet()) {
      row[column.getKey().ordinal()] = column.getValue()[i];
    }
    return row;
  }

  private static int[] shuffled(int n) {
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    Random random = new Random(SPLIT_SEED);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }
}
