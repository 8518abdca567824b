package io.penultimate.bundle;

import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.IsotonicMap;
import io.penultimate.evaluation.IsotonicRegression;
import io.penultimate.math.LogisticRegression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Fits the three {@link Answers} on the validation split's scores, never on test or
 * out-of-distribution data. The split is halved at random (seeded, {@link #SPLIT_SEED}, and
 * stratified by correctness, see {@link #halves}):
 *
 * <ul>
 *   <li>confidence: each candidate feature set of {@link #CONFIDENCE_CANDIDATES} is fitted on the
 *       first half and ranked by its misclassification AUROC on the second; the best (the
 *       earlier, simpler set on a tie) is refitted on the whole split. Every weight is kept
 *       non-negative (see {@link #fitNonNegative}). Its calibration, σ of the linear predictor or
 *       an isotonic map of it, is the one with the lower ECE on the second half when fitted on the
 *       first;
 *   <li>OOD p-value: each of {@link #OOD_DETECTORS} is referenced against the first half and the
 *       Fisher statistic calibrated on the second, so the p-value is calibrated on data the
 *       statistic never saw (see {@link OodPValue}). All validation inputs count, right or wrong:
 *       a wrong prediction on an in-distribution input is still in-distribution. The detectors are
 *       fixed a priori (see {@link #OOD_DETECTORS}), as no choice among them can be made without
 *       out-of-distribution data;
 *   <li>trust: the declared OOD share, nothing fitted (see {@link TrustScore}).
 * </ul>
 */
public final class AnswersFitter {
  public static final long SPLIT_SEED = 20_261_202L;
  public static final double DEFAULT_OOD_ALPHA = 0.05;
  /** L2 penalty per sample of the confidence regression. */
  public static final double CONFIDENCE_L2 = 1e-3;

  /**
   * The scores the confidence may read: max softmax and DOCTOR from the logits, the
   * feature-space densities and distances from the hidden vector, and the paper's best encoder
   * likelihood (trinomial, its Table 3).
   */
  static final List<ScoreName> CONFIDENCE_FEATURES =
      List.of(ScoreName.SOFTMAX, ScoreName.DOCTOR, ScoreName.TRINOMIAL, ScoreName.GAUSSIAN, ScoreName.MAHALANOBIS, ScoreName.KNN,
          ScoreName.VIM, ScoreName.MAHALANOBIS_NORMALISED);

  /**
   * Feature sets for the confidence, simplest first: each score alone (softmax alone is Platt
   * scaling), then softmax beside each other score.
   */
  public static final List<List<ScoreName>> CONFIDENCE_CANDIDATES = confidenceCandidates();

  /**
   * The OOD detectors, one of each family of feature-space detector: a tied Gaussian
   * (Mahalanobis), class-conditional Gaussians, non-parametric neighbours (deep k-NN), and the
   * residual off the classifier's principal subspace with the logits' energy (ViM). Energy alone is
   * left out, as ViM carries it.
   */
  public static final List<ScoreName> OOD_DETECTORS = List.of(ScoreName.MAHALANOBIS, ScoreName.GAUSSIAN, ScoreName.KNN, ScoreName.VIM);

  private static List<List<ScoreName>> confidenceCandidates() {
    List<List<ScoreName>> candidates = new ArrayList<>();
    CONFIDENCE_FEATURES.forEach(score -> candidates.add(List.of(score)));
    CONFIDENCE_FEATURES.stream().filter(score -> score != ScoreName.SOFTMAX).forEach(score -> candidates.add(List.of(ScoreName.SOFTMAX, score)));
    return List.copyOf(candidates);
  }

  private AnswersFitter() {}

  /**
   * @param scores every score of the validation split, one column per score
   * @param softmaxLogOdds the max softmax as log-odds, per validation sample
   * @param correct whether each validation prediction is right
   */
  public static Answers fit(
      Map<ScoreName, double[]> scores, double[] softmaxLogOdds, boolean[] correct, double oodAlpha, double oodShare) {
    int n = correct.length;
    int[][] halves = halves(correct);
    int[] first = halves[0];
    int[] second = halves[1];
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
    int best = 0;
    for (int c = 0; c < heldOut.length; c++) {
      List<ScoreName> features = CONFIDENCE_CANDIDATES.get(c);
      LogisticRegression.Model model = fitNonNegative(features, rows, logOdds, correct, first);
      // ranked by the linear predictor, not σ of it: σ rounds confident samples to 1 and would tie them
      heldOut[c] = Auroc.of(linearPredictor(features, model, rows, logOdds, second), select(correct, second));
      if (heldOut[c] > heldOut[best]) {
        best = c;
      }
    }
    List<ScoreName> features = CONFIDENCE_CANDIDATES.get(best);
    // Platt or isotonic: each fitted on the first half, judged by ECE on the second
    LogisticRegression.Model onFirst = fitNonNegative(features, rows, logOdds, correct, first);
    double[] etaFirst = linearPredictor(features, onFirst, rows, logOdds, first);
    double[] etaSecond = linearPredictor(features, onFirst, rows, logOdds, second);
    boolean[] correctSecond = select(correct, second);
    double plattEce = CalibrationError.expected(Arrays.stream(etaSecond).map(LogisticRegression::sigmoid).toArray(), correctSecond);
    IsotonicMap isotonicFirst = IsotonicRegression.fit(etaFirst, select(correct, first));
    double isotonicEce = CalibrationError.expected(Arrays.stream(etaSecond).map(isotonicFirst::apply).toArray(), correctSecond);
    int[] all = new int[correct.length];
    Arrays.setAll(all, i -> i);
    LogisticRegression.Model model = fitNonNegative(features, rows, logOdds, correct, all);
    IsotonicMap isotonic =
        isotonicEce < plattEce ? IsotonicRegression.fit(linearPredictor(features, model, rows, logOdds, all), correct) : null;
    return new ConfidenceChoice(
        new CalibratedConfidence(features, model, isotonic),
        new Answers.ConfidenceChoice(CONFIDENCE_CANDIDATES, heldOut, best, plattEce, isotonicEce));
  }

  private static double[] linearPredictor(
      List<ScoreName> features, LogisticRegression.Model model, double[][] rows, double[] logOdds, int[] subset) {
    double[] eta = new double[subset.length];
    for (int k = 0; k < subset.length; k++) {
      eta[k] = model.logOdds(CalibratedConfidence.featureRow(features, logOdds[subset[k]], rows[subset[k]]));
    }
    return eta;
  }

  private static boolean[] select(boolean[] values, int[] subset) {
    boolean[] out = new boolean[subset.length];
    for (int k = 0; k < subset.length; k++) {
      out[k] = values[subset[k]];
    }
    return out;
  }

  /**
   * The logistic regression with every weight at least 0: a feature whose weight comes out
   * negative is held at 0 and the rest refitted, until none is (an active-set method; with one
   * feature per step dropped it ends after at most as many refits as features). On a tiny or
   * degenerate validation split even the max softmax can fit a negative weight; the confidence
   * is then the split's accuracy, calibrated and honest about knowing nothing more.
   */
  private static LogisticRegression.Model fitNonNegative(
      List<ScoreName> features, double[][] rows, double[] logOdds, boolean[] correct, int[] subset) {
    boolean[] kept = new boolean[features.size()];
    Arrays.fill(kept, true);
    while (true) {
      int[] columns = IntStream.range(0, kept.length).filter(j -> kept[j]).toArray();
      double[][] x = new double[subset.length][columns.length];
      boolean[] y = new boolean[subset.length];
      for (int k = 0; k < subset.length; k++) {
        double[] full = CalibratedConfidence.featureRow(features, logOdds[subset[k]], rows[subset[k]]);
        for (int j = 0; j < columns.length; j++) {
          x[k][j] = full[columns[j]];
        }
        y[k] = correct[subset[k]];
      }
      LogisticRegression.Model fitted = LogisticRegression.fit(x, y, CONFIDENCE_L2);
      int negative = -1;
      for (int j = 0; j < columns.length; j++) {
        if (fitted.weights()[j] < 0 && (negative < 0 || fitted.weights()[j] < fitted.weights()[negative])) {
          negative = j;
        }
      }
      if (negative < 0) {
        return padded(fitted, columns, features.size());
      }
      kept[columns[negative]] = false;
    }
  }

  /** The fitted model over all features, the held-out ones at weight 0. */
  private static LogisticRegression.Model padded(LogisticRegression.Model fitted, int[] columns, int size) {
    double[] weights = new double[size];
    double[] means = new double[size];
    double[] scales = new double[size];
    Arrays.fill(scales, 1);
    for (int j = 0; j < columns.length; j++) {
      weights[columns[j]] = fitted.weights()[j];
      means[columns[j]] = fitted.means()[j];
      scales[columns[j]] = fitted.scales()[j];
    }
    return new LogisticRegression.Model(fitted.intercept(), weights, means, scales);
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

  private static double[] row(Map<ScoreName, double[]> scores, int i) {
    double[] row = new double[ScoreName.values().length];
    for (Map.Entry<ScoreName, double[]> column : scores.entrySet()) {
      row[column.getKey().ordinal()] = column.getValue()[i];
    }
    return row;
  }

  /**
   * The validation split in two halves at random, stratified by correctness: right and wrong
   * predictions are shuffled apart and dealt alternately, so each half holds half of each (the
   * confidence is ranked on the second half by telling them apart, which needs both).
   */
  static int[][] halves(boolean[] correct) {
    Random random = new Random(SPLIT_SEED);
    List<Integer> first = new ArrayList<>();
    List<Integer> second = new ArrayList<>();
    for (boolean outcome : new boolean[] {true, false}) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < correct.length; i++) {
        if (correct[i] == outcome) {
          members.add(i);
        }
      }
      java.util.Collections.shuffle(members, random);
      for (int k = 0; k < members.size(); k++) {
        (k % 2 == 0 ? first : second).add(members.get(k));
      }
    }
    return new int[][] {first.stream().mapToInt(Integer::intValue).toArray(), second.stream().mapToInt(Integer::intValue).toArray()};
  }
}
