package io.penultimate.report;

import io.penultimate.evaluation.DeLong;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The numbers of one evaluation (one model, one bundle, one test set and its OOD counterpart),
 * keyed by score name ({@link io.penultimate.bundle.ScoreName#key()}); written as JSON by
 * {@code evaluate --json} and, per seed, by {@code reproduce --json}.
 *
 * <p>An evaluation without OOD data ({@code evaluate --test DATA} without {@code --ood}) has
 * {@code oodDataset}, {@code oodAuroc}, {@code oodFpr95}, {@code oodDetectionRate} and
 * {@code primaryAlphaOodAuroc} null (null in JSON too).
 *
 * @param seed the model's training seed; empty (null in JSON) for a model not trained by {@code penultimate train}
 * @param auroc misclassification AUROC: correct predictions (positive) vs wrong ones
 * @param aurocCi DeLong 95% interval of each misclassification AUROC
 * @param vsSoftmax paired DeLong difference of each score's AUROC minus max softmax's
 * @param oodAuroc in-distribution test images (positive) vs the OOD data set's test images
 * @param oodFpr95 share of OOD images above the threshold that keeps 95% of in-distribution ones,
 *     with the threshold measured on this test set (the standard FPR@95TPR)
 * @param oodDetectionRate share of OOD images below the bundle's own threshold (fitted on validation)
 * @param ece expected calibration error (15 bins) of each score's calibrated P(correct); the key
 *     {@code softmaxUncalibrated} holds the raw max softmax
 */
public record EvaluationReport(
    String dataset,
    String oodDataset,
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
    Map<String, Double> oodAuroc,
    Map<String, Double> oodFpr95,
    Map<String, Double> oodDetectionRate,
    Map<String, Double> ece,
    Map<String, Double> goodnessOfFit,
    Map<String, Object> settings,
    List<NodeAnalysis.Row> nodes,
    Map<String, Double> primaryAlphaAuroc,
    Map<String, Double> primaryAlphaOodAuroc) {}
