package io.penultimate.report;

import io.penultimate.bundle.Answers;
import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.PrimaryScore;
import io.penultimate.bundle.ScoreName;
import io.penultimate.bundle.ScoreSelection;
import io.penultimate.bundle.TrustScore;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.BrierScore;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.DeLong;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.math.DotProducts;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.measure.PearsonTable;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.SoftmaxScores;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Scores a test set and one or more OOD sets (far, and near when there is one, see {@link OodType})
 * with a bundle and measures every score (see {@link EvaluationReport}); given no OOD set (a test
 * file of the user's own without OOD data), only the misclassification measures.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * The report plus the raw score columns, kept for plots.
   *
   * @param oodScores every score of every OOD set's samples, by OOD type, far first
   * @param primaryConfidence the calibrated P(correct) of the primary score on the test set
   * @param testAnswers the three answers of every test sample
   * @param oodAnswers the three answers of every OOD sample, by OOD type
   * @param test the test set's labels and model outputs (its last-hidden activations for plots)
   * @param ood every OOD set's model outputs, by OOD type
   * @param nodeFits the mixtures' fit at a few nodes, for plots
   */
  public record Evaluation(
      EvaluationReport report,
      LabeledOutputs test,
      Map<OodType, ModelOutputs> ood,
      Map<ScoreName, double[]> testScores,
      Map<OodType, Map<ScoreName, double[]>> oodScores,
      boolean[] correct,
      double[] primaryConfidence,
      AnswerColumns testAnswers,
      Map<OodType, AnswerColumns> oodAnswers,
      List<NodeAnalysis.NodeFit> nodeFits) {}

  /**
   * Names of the data sets and model, carried into the report.
   *
   * @param oodDatasets the name of each OOD set, by type: the OOD sets an evaluation is given, far
   *     whenever there is any; empty for an evaluation without OOD data
   * @param seed the model's training seed, empty when the model file does not say (not trained by {@code penultimate train})
   */
  public record Labels(String dataset, Map<OodType, String> oodDatasets, String arch, OptionalLong seed) {
    public Labels {
      oodDatasets = ordered(oodDatasets);
      if (!oodDatasets.isEmpty() && !oodDatasets.containsKey(OodType.FAR)) {
        throw new IllegalArgumentException("an evaluation with OOD sets needs a far one (another data set), found " + oodDatasets.keySet());
      }
    }

    /** Labels of an evaluation against one far OOD set, the other data set; none when {@code oodDataset} is null. */
    public Labels(String dataset, String oodDataset, String arch, OptionalLong seed) {
      this(dataset, oodDataset == null ? Map.of() : Map.of(OodType.FAR, oodDataset), arch, seed);
    }
  }

  /** As {@link #evaluate(EncoderBundle, LabeledOutputs, Map, NodeAnalysis, Labels)} against one far OOD set, or none when null. */
  public static Evaluation evaluate(
      EncoderBundle bundle, LabeledOutputs test, ModelOutputs ood, NodeAnalysis nodes, Labels labels) {
    return evaluate(bundle, test, ood == null ? Map.of() : Map.of(OodType.FAR, ood), nodes, labels);
  }

  /**
   * @param ood the outputs of each OOD set, by type; the same types as {@code labels.oodDatasets()};
   *     empty to measure misclassification only (the report's OOD maps are then empty)
   */
  public static Evaluation evaluate(
      EncoderBundle bundle, LabeledOutputs test, Map<OodType, ModelOutputs> ood, NodeAnalysis nodes, Labels labels) {
    return evaluate(bundle, test, ood, nodes, labels, PlainDotProducts.INSTANCE);
  }

  /** As above, with the k-NN search's matrix products computed by {@code products}. */
  public static Evaluation evaluate(
      EncoderBundle bundle, LabeledOutputs test, Map<OodType, ModelOutputs> ood, NodeAnalysis nodes, Labels labels,
      DotProducts products) {
    if (!ood.keySet().equals(labels.oodDatasets().keySet())) {
      throw new IllegalArgumentException("OOD sets " + ordered(ood).keySet() + " but names for " + labels.oodDatasets().keySet());
    }
    ConfidenceScorer scorer = new ConfidenceScorer(bundle, ScoreSelection.ALL, products);
    Map<ScoreName, double[]> testScores = scorer.scoreAll(test.outputs());
    Map<OodType, Map<ScoreName, double[]>> oodScores = new EnumMap<>(OodType.class);
    ood.forEach((type, outputs) -> oodScores.put(type, scorer.scoreAll(outputs)));
    boolean[] correct = test.correct();
    requireBothOutcomes(correct);

    Answers answers = bundle.answers();
    AnswerColumns testAnswers = AnswerColumns.of(answers, test.outputs(), testScores);
    Map<OodType, AnswerColumns> oodAnswers = new EnumMap<>(OodType.class);
    ood.forEach((type, outputs) -> oodAnswers.put(type, AnswerColumns.of(answers, outputs, oodScores.get(type))));
    Map<String, double[]> testColumns = columns(testScores, testAnswers);

    Map<String, Double> auroc = new LinkedHashMap<>();
    Map<String, DeLong.AurocEstimate> ci = new LinkedHashMap<>();
    Map<String, DeLong.PairedDifference> vsSoftmax = new LinkedHashMap<>();
    double[] softmax = testScores.get(ScoreName.SOFTMAX);
    testColumns.forEach((key, in) -> {
      auroc.put(key, Auroc.of(in, correct));
      ci.put(key, DeLong.of(in, correct));
      vsSoftmax.put(key, DeLong.paired(in, softmax, correct));
    });
    Map<String, Double> ece = new LinkedHashMap<>();
    Map<String, Double> brier = new LinkedHashMap<>();
    Map<String, Double> falseAlarms = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      double[] in = testScores.get(score);
      double[] calibrated = Arrays.stream(in).map(v -> scorer.calibrated(score, v)).toArray();
      ece.put(score.key(), CalibrationError.expected(calibrated, correct));
      brier.put(score.key(), BrierScore.of(calibrated, correct));
      falseAlarms.put(score.key(), share(in, v -> scorer.isOutOfDistribution(score, v)));
    }
    ece.put(AnswerColumns.CONFIDENCE, CalibrationError.expected(testAnswers.confidence(), correct));
    brier.put(AnswerColumns.CONFIDENCE, BrierScore.of(testAnswers.confidence(), correct));
    ece.put("softmaxUncalibrated", CalibrationError.expected(softmax, correct));
    brier.put("softmaxUncalibrated", BrierScore.of(softmax, correct));
    falseAlarms.put(AnswerColumns.OOD_P_VALUE, share(testAnswers.ood()));
    Map<String, OodMeasures> oodMeasures = new LinkedHashMap<>();
    Map<String, Map<String, Map<String, JointTask>>> joint = new LinkedHashMap<>();
    oodScores.forEach((type, out) -> {
      AnswerColumns outAnswers = oodAnswers.get(type);
      Map<String, double[]> outColumns = columns(out, outAnswers);
      oodMeasures.put(type.key(), OodMeasures.of(scorer, testColumns, outColumns, outAnswers));
      joint.put(type.key(), jointTask(answers, testColumns, testAnswers, correct, outColumns, outAnswers));
    });
    Frontier frontier = Frontier.of(bundle.primary(), test.outputs(), testScores, correct, ood, oodScores);

    EvaluationReport report =
        new EvaluationReport(
            labels.dataset(),
            byKey(labels.oodDatasets()),
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
            field(oodMeasures, OodMeasures::auroc),
            field(oodMeasures, OodMeasures::fpr95),
            field(oodMeasures, OodMeasures::detectionRate),
            ece,
            bundle.goodnessOfFit(),
            settings(bundle),
            nodes.nodes(),
            frontier.auroc(),
            frontier.oodAuroc(),
            brier,
            falseAlarms,
            answers.oodPValue().alpha(),
            answers.trust().oodShare(),
            jointField(joint, JointTask::augrc),
            jointField(joint, JointTask::aurc),
            jointField(joint, JointTask::fpr95));
    double[] primaryConfidence =
        Arrays.stream(testScores.get(ScoreName.PRIMARY)).map(v -> scorer.calibrated(ScoreName.PRIMARY, v)).toArray();
    return new Evaluation(report, test, ordered(ood), testScores, oodScores, correct, primaryConfidence, testAnswers, oodAnswers,
        nodes.fits());
  }

  /**
   * Every score against one OOD set.
   *
   * @param auroc in-distribution (positive) vs OOD
   * @param fpr95 share of OOD samples above the threshold that keeps {@link BundleFitter#OOD_TPR} of the test samples
   * @param detectionRate share of OOD samples the bundle's own threshold (fitted on validation) flags
   */
  private record OodMeasures(Map<String, Double> auroc, Map<String, Double> fpr95, Map<String, Double> detectionRate) {
    static OodMeasures of(
        ConfidenceScorer scorer, Map<String, double[]> testColumns, Map<String, double[]> oodColumns, AnswerColumns oodAnswers) {
      OodMeasures measures = new OodMeasures(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
      testColumns.forEach((key, in) -> {
        double[] out = oodColumns.get(key);
        measures.auroc.put(key, oodAuroc(in, out));
        measures.fpr95.put(key, OodMetrics.fprAtTpr(in, out, BundleFitter.OOD_TPR));
      });
      for (ScoreName score : ScoreName.values()) {
        measures.detectionRate.put(score.key(), share(oodColumns.get(score.key()), v -> scorer.isOutOfDistribution(score, v)));
      }
      measures.detectionRate.put(AnswerColumns.OOD_P_VALUE, share(oodAnswers.ood()));
      return measures;
    }
  }

  /**
   * OOD shares at which the joint task is measured besides the bundle's own: 0, where trust is the
   * confidence, and the shares the three-answers goals name. The trust is refitted at each (it
   * is only the share); every other column is the same at every share.
   */
  public static final double[] JOINT_OOD_SHARES = {0, 0.01, 0.1, 0.5};

  private static Map<String, Map<String, JointTask>> jointTask(
      Answers answers, Map<String, double[]> testColumns, AnswerColumns testAnswers, boolean[] correct,
      Map<String, double[]> oodColumns, AnswerColumns oodAnswers) {
    java.util.SortedSet<Double> shares = new java.util.TreeSet<>();
    Arrays.stream(JOINT_OOD_SHARES).forEach(shares::add);
    shares.add(answers.trust().oodShare());
    Map<String, Map<String, JointTask>> byShare = new LinkedHashMap<>();
    for (double share : shares) {
      TrustScore atShare = answers.trust().withOodShare(share);
      Map<String, JointTask> byColumn = new LinkedHashMap<>();
      testColumns.forEach((key, in) -> {
        boolean isTrust = key.equals(AnswerColumns.TRUST);
        double[] testValues = isTrust ? testAnswers.trustAt(atShare) : in;
        double[] oodValues = isTrust ? oodAnswers.trustAt(atShare) : oodColumns.get(key);
        byColumn.put(key, JointTask.of(testValues, correct, oodValues, share));
      });
      byShare.put(alphaKey(share), byColumn);
    }
    return byShare;
  }

  private static Map<String, Map<String, Map<String, Double>>> jointField(
      Map<String, Map<String, Map<String, JointTask>>> joint, java.util.function.ToDoubleFunction<JointTask> field) {
    Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
    joint.forEach((type, byShare) -> {
      Map<String, Map<String, Double>> shares = new LinkedHashMap<>();
      byShare.forEach((share, byColumn) -> shares.put(share, JointTask.field(byColumn, field)));
      out.put(type, shares);
    });
    return out;
  }

  /**
   * Every score's column under its key, then the answers: {@code confidence}, {@code oodPValue}
   * (as its log, which ranks as the p-value does and keeps ranking where it rounds to 0) and
   * {@code trust} at the bundle's OOD share.
   */
  private static Map<String, double[]> columns(Map<ScoreName, double[]> scores, AnswerColumns answerColumns) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      out.put(score.key(), scores.get(score));
    }
    out.put(AnswerColumns.CONFIDENCE, answerColumns.confidence());
    out.put(AnswerColumns.OOD_P_VALUE, answerColumns.logOodPValue());
    out.put(AnswerColumns.TRUST, answerColumns.trust());
    return out;
  }

  /** One field of every OOD set's measures, keyed as the sets are. */
  private static Map<String, Map<String, Double>> field(
      Map<String, OodMeasures> byType, java.util.function.Function<OodMeasures, Map<String, Double>> field) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    byType.forEach((type, measures) -> out.put(type, field.apply(measures)));
    return out;
  }

  private static <V> Map<OodType, V> ordered(Map<OodType, V> byType) {
    return byType.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(byType));
  }

  private static <V> Map<String, V> byKey(Map<OodType, V> byType) {
    Map<String, V> out = new LinkedHashMap<>();
    ordered(byType).forEach((type, value) -> out.put(type.key(), value));
    return out;
  }

  /**
   * Gate levels at which the primary score is measured besides the bundle's own: the trade-off
   * between spotting wrong predictions and spotting out-of-distribution inputs, shown, not tuned
   * (the bundle's α is chosen on validation data without OOD inputs).
   */
  public static final double[] FRONTIER_ALPHAS = {0, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1};

  /** The primary score's misclassification AUROC, and its OOD AUROC against each OOD set, at each of {@link #FRONTIER_ALPHAS}. */
  private record Frontier(Map<String, Double> auroc, Map<String, Map<String, Double>> oodAuroc) {
    static Frontier of(
        PrimaryScore primary, ModelOutputs test, Map<ScoreName, double[]> testScores, boolean[] correct,
        Map<OodType, ModelOutputs> ood, Map<OodType, Map<ScoreName, double[]>> oodScores) {
      double[] testLogOdds = softmaxLogOdds(test);
      Map<OodType, double[]> oodLogOdds = new EnumMap<>(OodType.class);
      ood.forEach((type, outputs) -> oodLogOdds.put(type, softmaxLogOdds(outputs)));
      Map<String, Double> auroc = new LinkedHashMap<>();
      Map<OodType, Map<String, Double>> oodAuroc = new EnumMap<>(OodType.class);
      oodLogOdds.keySet().forEach(type -> oodAuroc.put(type, new LinkedHashMap<>()));
      for (double alpha : FRONTIER_ALPHAS) {
        PrimaryScore gated = primary.withAlpha(alpha);
        double[] in = gated.scoreAll(testLogOdds, testScores);
        auroc.put(alphaKey(alpha), Auroc.of(in, correct));
        oodLogOdds.forEach((type, logOdds) ->
            oodAuroc.get(type).put(alphaKey(alpha), Evaluator.oodAuroc(in, gated.scoreAll(logOdds, oodScores.get(type)))));
      }
      return new Frontier(auroc, byKey(oodAuroc));
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

  private static double share(boolean[] flags) {
    int count = 0;
    for (boolean flag : flags) {
      count += flag ? 1 : 0;
    }
    return flags.length == 0 ? 0 : (double) count / flags.length;
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
