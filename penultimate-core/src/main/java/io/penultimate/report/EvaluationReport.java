package io.penultimate.report;

import io.penultimate.evaluation.DeLong;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The numbers of one evaluation (one model, one bundle, one test set and its OOD counterparts),
 * keyed by score name ({@link io.penultimate.bundle.ScoreName#key()}); written as JSON by
 * {@code evaluate --json} and, per seed, by {@code reproduce --json}.
 *
 * <p>The OOD fields hold one map per OOD set, keyed by {@link OodType#key()}: {@code far} (another
 * data set) always, {@code near} (the held-out classes of the same data set) when the model was
 * trained on a subset of its classes; e.g. {@code "oodAuroc": {"far": {"softmax": 0.91, ...},
 * "near": {"softmax": 0.88, ...}}}. An evaluation without OOD data ({@code evaluate --test DATA}
 * without {@code --ood}) has none: {@code oodDataset}, {@code oodAuroc}, {@code oodFpr95},
 * {@code oodDetectionRate} and {@code primaryAlphaOodAuroc} are empty ({@code {}} in JSON, no
 * {@code far} or {@code near} entry).
 *
 * <p>The answers appear beside the scores in {@code auroc}, {@code aurocCi}, {@code vsSoftmax},
 * {@code oodAuroc}, {@code oodFpr95}, {@code ece} and {@code brier} under the keys
 * {@code confidence}, {@code oodPValue} and {@code trust}.
 *
 * @param seed the model's training seed; empty (null in JSON) for a model not trained by {@code penultimate train}
 * @param oodDataset the name of each OOD set, by OOD type
 * @param auroc misclassification AUROC: correct predictions (positive) vs wrong ones
 * @param aurocCi DeLong 95% interval of each misclassification AUROC
 * @param vsSoftmax paired DeLong difference of each score's AUROC minus max softmax's
 * @param oodAuroc by OOD type: in-distribution test images (positive) vs that OOD set's images
 * @param oodFpr95 by OOD type: share of OOD images above the threshold that keeps 95% of
 *     in-distribution ones, with the threshold measured on this test set (the standard FPR@95TPR)
 * @param oodDetectionRate by OOD type: share of OOD images below the bundle's own threshold (fitted on validation)
 * @param ece expected calibration error (15 bins) of each score's calibrated P(correct); the key
 *     {@code softmaxUncalibrated} holds the raw max softmax
 * @param primaryAlphaAuroc the primary score's misclassification AUROC at each gate level α
 * @param primaryAlphaOodAuroc by OOD type: the primary score's OOD AUROC at each gate level α
 * @param brier Brier score of each score's calibrated P(correct) and of {@code confidence};
 *     {@code softmaxUncalibrated} the raw max softmax's
 * @param falseAlarmRate share of in-distribution test samples flagged OOD: by each score's
 *     threshold (fitted to keep 95% of correct validation predictions), and under
 *     {@code oodPValue} by the answers' flag p &lt; {@code oodAlpha}
 * @param oodAlpha the bundle's level of the OOD flag
 * @param trustOodShare the OOD share π the bundle's trust assumes
 * @param augrc by OOD type, then OOD share π, then score or answer: the joint task's AUGRC
 *     (failures: wrong in-distribution predictions and every OOD sample, weighted to share π), the
 *     trust refitted at each π
 * @param aurc as {@code augrc}, the area under the selective risk-coverage curve
 * @param jointFpr95 as {@code augrc}, the weighted share of failures accepted at the threshold
 *     keeping 95% of correct in-distribution predictions
 */
public record EvaluationReport(
    String dataset,
    Map<String, String> oodDataset,
    String arch,
    OptionalLong seed,
    double testAccuracy,
    double saturationShare,
    Map<String, Double> pearson,
    Map<String, Double> pearsonMinimumNormBias,
    String miSource,
    Map<String, Double> auroc,
    Map<String, DeLong.AurocEstimate> aurocCi,
    Map<String, DeLong.PairedDifference> vsSoftmax,
    Map<String, Map<String, Double>> oodAuroc,
    Map<String, Map<String, Double>> oodFpr95,
    Map<String, Map<String, Double>> oodDetectionRate,
    Map<String, Double> ece,
    Map<String, Double> goodnessOfFit,
    Map<String, Object> settings,
    List<NodeAnalysis.Row> nodes,
    Map<String, Double> primaryAlphaAuroc,
    Map<String, Map<String, Double>> primaryAlphaOodAuroc,
    Map<String, Double> brier,
    Map<String, Double> falseAlarmRate,
    double oodAlpha,
    double trustOodShare,
    Map<String, Map<String, Map<String, Double>>> augrc,
    Map<String, Map<String, Map<String, Double>>> aurc,
    Map<String, Map<String, Map<String, Double>>> jointFpr95) {

  /** The OOD AUROC of every score against one OOD set; absent (null) when the evaluation had no such set. */
  public Map<String, Double> oodAuroc(OodType type) {
    return oodAuroc.get(type.key());
  }

  /** FPR@95TPR of every score against one OOD set; null when the evaluation had no such set. */
  public Map<String, Double> oodFpr95(OodType type) {
    return oodFpr95.get(type.key());
  }

  /** The primary score's OOD AUROC at each gate level against one OOD set; null when the evaluation had no such set. */
  public Map<String, Double> primaryAlphaOodAuroc(OodType type) {
    return primaryAlphaOodAuroc.get(type.key());
  }

  /** Whether the evaluation faced an OOD set of this type. */
  public boolean faced(OodType type) {
    return oodAuroc.containsKey(type.key());
  }
}
