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
    Map<String, Map<String, Double>> primaryAlphaOodAuroc) {

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
