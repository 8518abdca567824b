package io.penultimate.report;

import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.PrimaryScore;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.DeLong;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.measure.PearsonTable;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.SoftmaxScores;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Scores a test set and, when there is one, an OOD set with a bundle and measures every score (see
 * {@link EvaluationReport}); without OOD data only the misclassification measures are taken.
 */
public final class Evaluator {
  private Evaluator() {}

  /** The report plus the raw score columns, kept for plots. */
  /**
   * @param oodScores every score of the OOD samples; empty without OOD data
   * @param primaryConfidence the calibrated P(correct) of the primary score on the test set
   * @param testHidden the test set's last-hidden activations, for plots
   */
  public record Evaluation(
      EvaluationReport report,
      double[][] testHidden,
      Map<ScoreName, double[]> testScores,
      Map<ScoreName, double[]> oodScores,
      boolean[] correct,
      double[] primaryConfidence) {}

  /**
   * Names of the data sets and model, carried into the report.
   *
   * @param oodDataset null when the evaluation has no OOD data
   * @param seed the model's training seed, empty when the model file does not say (not trained by {@code penultimate train})
   */
  public record Labels(String dataset, String oodDataset, String arch, OptionalLong seed) {}

  /** @param ood the OOD set's outputs, or null to skip the OOD measures (the report's OOD fields are then null) */
  public static Evaluation evaluate(
      EncoderBundle bundle, LabeledOutputs test, ModelOutputs ood, NodeAnalysis nodes, Labels labels) {
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    Map<ScoreName, double[]> testScores = scorer.scoreAll(test.outputs());
    Map<ScoreName, double[]> oodScores = ood == null ? Map.of() : scorer.scoreAll(ood);
    boolean[] correct = test.correct();
    requireBothOutcomes(correct);

    Map<String, Double> auroc = new LinkedHashMap<>();
    Map<String, DeLong.AurocEstimate> ci = new LinkedHashMap<>();
    Map<String, DeLong.PairedDifference> vsSoftmax = new LinkedHashMap<>();
    Map<String, Double> oodAuroc = new LinkedHashMap<>();
    Map<String, Double> fpr95 = new LinkedHashMap<>();
    Map<String, Double> detection = new LinkedHashMap<>();
    Map<String, Double> ece = new LinkedHashMap<>();
    double[] softmax = testScores.get(ScoreName.SOFTMAX);
    for (ScoreName score : ScoreName.values()) {
      double[] in = testScores.get(score);
      double[] out = oodScores.get(score);
      auroc.put(score.key(), Auroc.of(in, correct));
      ci.put(score.key(), DeLong.of(in, correct));
      vsSoftmax.put(score.key(), DeLong.paired(in, softmax, correct));
      if (ood != null) {
        oodAuroc.put(score.key(), oodAuroc(in, out));
        fpr95.put(score.key(), OodMetrics.fprAtTpr(in, out, BundleFitter.OOD_TPR));
        detection.put(score.key(), share(out, v -> scorer.isOutOfDistribution(score, v)));
      }
      double[] calibrated = Arrays.stream(in).map(v -> scorer.calibrated(score, v)).toArray();
      ece.put(score.key(), CalibrationError.expected(calibrated, correct));
    }
    ece.put("softmaxUncalibrated", CalibrationError.expected(softmax, correct));
    Frontier frontier = Frontier.of(bundle.primary(), test.outputs(), testScores, correct, ood, oodScores);

    EvaluationReport report =
        new EvaluationReport(
            labels.dataset(),
            labels.oodDataset(),
            labels.arch(),
            labels.seed(),
            test.accuracy(),
            NodeAnalysis.meanSaturation(bundle),
            pearson(nodes.pearson()),
            pearson(nodes.pearsonMinimumNormBias()),
            nodes.miSource(),
            auroc,
            ci,
            vsSoftmax,
            ood == null ? null : oodAuroc,
            ood == null ? null : fpr95,
            ood == null ? null : detection,
            ece,
            bundle.goodnessOfFit(),
            settings(bundle),
            nodes.nodes(),
            frontier.auroc(),
            frontier.oodAuroc());
    double[] primaryConfidence =
        Arrays.stream(testScores.get(ScoreName.PRIMARY)).map(v -> scorer.calibrated(ScoreName.PRIMARY, v)).toArray();
    return new Evaluation(report, test.outputs().hidden(), testScores, oodScores, correct, primaryConfidence);
  }

  /**
   * Gate levels at which the primary score is measured besides the bundle's own: the trade-off
   * between spotting wrong predictions and spotting out-of-distribution inputs, shown, not tuned
   * (the bundle's α is chosen on validation data without OOD inputs).
   */
  public static final double[] FRONTIER_ALPHAS = {0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1};

  /** The primary score's misclassification and OOD AUROC at each of {@link #FRONTIER_ALPHAS}; the latter null without OOD data. */
  private record Frontier(Map<String, Double> auroc, Map<String, Double> oodAuroc) {
    static Frontier of(
        PrimaryScore primary, ModelOutputs test, Map<ScoreName, double[]> testScores, boolean[] correct, ModelOutputs ood,
        Map<ScoreName, double[]> oodScores) {
      double[] testLogOdds = softmaxLogOdds(test);
      double[] oodLogOdds = ood == null ? null : softmaxLogOdds(ood);
      Map<String, Double> auroc = new LinkedHashMap<>();
      Map<String, Double> oodAuroc = new LinkedHashMap<>();
      for (double alpha : FRONTIER_ALPHAS) {
        PrimaryScore gated = primary.withAlpha(alpha);
        double[] in = gated.scoreAll(testLogOdds, testScores);
        auroc.put(alphaKey(alpha), Auroc.of(in, correct));
        if (ood != null) {
          oodAuroc.put(alphaKey(alpha), Evaluator.oodAuroc(in, gated.scoreAll(oodLogOdds, oodScores)));
        }
      }
      return new Frontier(auroc, ood == null ? null : oodAuroc);
    }

    private static double[] softmaxLogOdds(ModelOutputs outputs) {
      return Arrays.stream(outputs.logits()).mapToDouble(SoftmaxScores::maxLogOdds).toArray();
    }
  }

  /** AUROC of in-distribution (positive) against out-of-distribution scores. */
  private static double oodAuroc(double[] in, double[] out) {
    OodMetrics.Pooled pooled = OodMetrics.pool(in, out);
    return Auroc.of(pooled.scores(), pooled.inDistribution());
  }

  public static String alphaKey(double alpha) {
    return BigDecimal.valueOf(alpha).stripTrailingZeros().toPlainString();
  }

  private static Map<String, Double> pearson(PearsonTable table) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("mi_tv", table.miTv());
    out.put("mi_bias", table.miBias());
    out.put("tv_bias", table.tvBias());
    return out;
  }

  private static Map<String, Object> settings(EncoderBundle bundle) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("smoothing", bundle.settings().smoothing());
    out.put("betaEpsilon", bundle.settings().betaEpsilon());
    out.put("gmmComponents", bundle.settings().gmmComponents());
    out.put("primaryGate", bundle.primary().gate().stream().map(t -> t.density().key()).toList());
    out.put("primaryAlpha", bundle.primary().alpha());
    out.put("primaryWeights", bundle.primary().bulk().weights());
    return out;
  }

  private static double share(double[] values, java.util.function.DoublePredicate test) {
    long count = Arrays.stream(values).filter(test).count();
    return values.length == 0 ? 0 : (double) count / values.length;
  }

  /** One line naming the counts: misclassification AUROCs and their DeLong intervals need both outcomes. */
  private static void requireBothOutcomes(boolean[] correct) {
    int right = 0;
    for (boolean c : correct) {
      right += c ? 1 : 0;
    }
    int wrong = correct.length - right;
    if (right < BundleFitter.MIN_PER_OUTCOME || wrong < BundleFitter.MIN_PER_OUTCOME) {
      throw new IllegalArgumentException("the test data has " + right + " correct and " + wrong
          + " wrong predictions; the misclassification AUROCs need at least " + BundleFitter.MIN_PER_OUTCOME
          + " of each (give a larger test set, or one with harder inputs)");
    }
  }
}
