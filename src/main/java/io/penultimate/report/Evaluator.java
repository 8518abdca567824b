package io.penultimate.report;

import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.DeLong;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.measure.PearsonTable;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Scores a test set and an OOD set with a bundle and measures every score (see {@link EvaluationReport}). */
public final class Evaluator {
  private Evaluator() {}

  /** The report plus the raw score columns, kept for plots. */
  /**
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

  /** Names of the data sets and model, carried into the report. */
  public record Labels(String dataset, String oodDataset, String arch, long seed) {}

  public static Evaluation evaluate(
      EncoderBundle bundle, LabeledOutputs test, ModelOutputs ood, NodeAnalysis nodes, Labels labels) {
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    Map<ScoreName, double[]> testScores = scorer.scoreAll(test.outputs());
    Map<ScoreName, double[]> oodScores = scorer.scoreAll(ood);
    boolean[] correct = test.correct();

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
      OodMetrics.Pooled pooled = OodMetrics.pool(in, out);
      oodAuroc.put(score.key(), Auroc.of(pooled.scores(), pooled.inDistribution()));
      fpr95.put(score.key(), OodMetrics.fprAtTpr(in, out, BundleFitter.OOD_TPR));
      detection.put(score.key(), share(out, v -> scorer.isOutOfDistribution(score, v)));
      double[] calibrated = Arrays.stream(in).map(v -> scorer.calibrated(score, v)).toArray();
      ece.put(score.key(), CalibrationError.expected(calibrated, correct));
    }
    ece.put("softmaxUncalibrated", CalibrationError.expected(softmax, correct));

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
            oodAuroc,
            fpr95,
            detection,
            ece,
            bundle.goodnessOfFit(),
            settings(bundle),
            nodes.nodes());
    double[] primaryConfidence =
        Arrays.stream(testScores.get(ScoreName.PRIMARY)).map(v -> scorer.calibrated(ScoreName.PRIMARY, v)).toArray();
    return new Evaluation(report, test.outputs().hidden(), testScores, oodScores, correct, primaryConfidence);
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
}
