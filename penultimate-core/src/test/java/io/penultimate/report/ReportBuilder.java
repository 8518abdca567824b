package io.penultimate.report;

import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.DeLong;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntToDoubleFunction;

/**
 * Builds a synthetic {@link EvaluationReport} with every score key present. Per-score values are
 * given as a function of the score's ordinal in {@link ScoreName} (softmax 0, binomial 1,
 * trinomial 2, beta 3, ...), so that expected means and standard deviations can be worked out by
 * hand; the answers follow the scores, {@code confidence}, {@code oodPValue} and {@code trust} at
 * the next three indices.
 */
final class ReportBuilder {
  private String dataset = "mnist";
  private OptionalLong seed = OptionalLong.of(1);
  private double testAccuracy;
  private double saturationShare;
  private double gmmPerClass;
  private double gmmPooled;
  private double gmmPerClassPositive;
  private double gmmPooledPositive;
  private double miTv;
  private double miBias;
  private double tvBias;
  private double miBiasMinimumNorm;
  private IntToDoubleFunction auroc = i -> 0.5;
  private IntToDoubleFunction vsSoftmax = i -> 0;
  private IntToDoubleFunction oodAuroc = i -> 0.5;
  private IntToDoubleFunction oodFpr95 = i -> 0.5;
  private IntToDoubleFunction nearOodAuroc;
  private IntToDoubleFunction nearOodFpr95;
  private IntToDoubleFunction ece = i -> 0;
  private double eceUncalibrated;
  private List<NodeAnalysis.Row> nodes = List.of();
  private IntToDoubleFunction augrc = i -> 0.01;

  ReportBuilder dataset(String name) {
    dataset = name;
    return this;
  }

  ReportBuilder seed(long value) {
    seed = OptionalLong.of(value);
    return this;
  }

  ReportBuilder testAccuracy(double value) {
    testAccuracy = value;
    return this;
  }

  ReportBuilder saturationShare(double value) {
    saturationShare = value;
    return this;
  }

  ReportBuilder goodnessOfFit(double perClass, double pooled) {
    gmmPerClass = perClass;
    gmmPooled = pooled;
    return this;
  }

  ReportBuilder positivePartGoodnessOfFit(double perClass, double pooled) {
    gmmPerClassPositive = perClass;
    gmmPooledPositive = pooled;
    return this;
  }

  ReportBuilder pearson(double miTv, double miBias, double tvBias) {
    this.miTv = miTv;
    this.miBias = miBias;
    this.tvBias = tvBias;
    return this;
  }

  ReportBuilder miBiasMinimumNorm(double value) {
    miBiasMinimumNorm = value;
    return this;
  }

  ReportBuilder auroc(IntToDoubleFunction byOrdinal) {
    auroc = byOrdinal;
    return this;
  }

  ReportBuilder vsSoftmax(IntToDoubleFunction differenceByOrdinal) {
    vsSoftmax = differenceByOrdinal;
    return this;
  }

  ReportBuilder oodAuroc(IntToDoubleFunction byOrdinal) {
    oodAuroc = byOrdinal;
    return this;
  }

  ReportBuilder oodFpr95(IntToDoubleFunction byOrdinal) {
    oodFpr95 = byOrdinal;
    return this;
  }

  /** Adds a near OOD set ("mnist, held-out classes 6,7,8,9") with these values; without it, the report has far only. */
  ReportBuilder nearOod(IntToDoubleFunction aurocByOrdinal, IntToDoubleFunction fpr95ByOrdinal) {
    nearOodAuroc = aurocByOrdinal;
    nearOodFpr95 = fpr95ByOrdinal;
    return this;
  }

  ReportBuilder ece(IntToDoubleFunction byOrdinal, double uncalibratedSoftmax) {
    ece = byOrdinal;
    eceUncalibrated = uncalibratedSoftmax;
    return this;
  }

  /** The joint task's AUGRC at every OOD share, by index. */
  ReportBuilder augrc(IntToDoubleFunction byIndex) {
    augrc = byIndex;
    return this;
  }

  ReportBuilder nodes(List<NodeAnalysis.Row> rows) {
    nodes = rows;
    return this;
  }

  EvaluationReport build() {
    Map<String, DeLong.AurocEstimate> aurocCi = new LinkedHashMap<>();
    Map<String, DeLong.PairedDifference> differences = new LinkedHashMap<>();
    double softmax = auroc.applyAsDouble(ScoreName.SOFTMAX.ordinal());
    List<String> keys = keys();
    for (int i = 0; i < keys.size(); i++) {
      double a = auroc.applyAsDouble(i);
      double d = vsSoftmax.applyAsDouble(i);
      aurocCi.put(keys.get(i), new DeLong.AurocEstimate(a, 0, a, a));
      differences.put(keys.get(i), new DeLong.PairedDifference(a, softmax, d, 0, d, d, 1));
    }
    Map<String, Double> eceMap = perScore(ece);
    eceMap.put("softmaxUncalibrated", eceUncalibrated);
    Map<String, Map<String, Double>> joint = new LinkedHashMap<>();
    for (String share : List.of("0", "0.1")) {
      joint.put(share, perScore(augrc));
    }
    boolean near = nearOodAuroc != null;
    return new EvaluationReport(
        dataset,
        near ? byType("fashion", "mnist, held-out classes 6,7,8,9") : byType("fashion", null),
        "mlp",
        seed,
        testAccuracy,
        saturationShare,
        pearsonMap(miTv, miBias, tvBias),
        pearsonMap(0, miBiasMinimumNorm, 0),
        "binomial (exact)",
        perScore(auroc),
        aurocCi,
        differences,
        byType(perScore(oodAuroc), near ? perScore(nearOodAuroc) : null),
        byType(perScore(oodFpr95), near ? perScore(nearOodFpr95) : null),
        byType(perScore(i -> 0.9), near ? perScore(i -> 0.4) : null),
        eceMap,
        Map.of("gmmPerClass", gmmPerClass, "gmmPooled", gmmPooled,
            "gmmPerClassPositive", gmmPerClassPositive, "gmmPooledPositive", gmmPooledPositive),
        Map.of("smoothing", 1.0, "primaryAlpha", 0.01),
        nodes,
        Map.of("0", 0.9, "1", 0.8),
        byType(Map.of("0", 0.85, "1", 0.95), near ? Map.of("0", 0.65, "1", 0.75) : null),
        eceMap,
        perScore(i -> 0.05),
        0.05,
        0.1,
        byType(joint, near ? joint : null),
        byType(joint, near ? joint : null),
        byType(joint, near ? joint : null));
  }

  /** {"far": far} or, with a near value, {"far": far, "near": near}, in that order. */
  private static <V> Map<String, V> byType(V far, V near) {
    Map<String, V> out = new LinkedHashMap<>();
    out.put(OodType.FAR.key(), far);
    if (near != null) {
      out.put(OodType.NEAR.key(), near);
    }
    return out;
  }

  /** The key at an index: a score's at its ordinal, then the answers'. */
  static String key(int index) {
    return keys().get(index);
  }

  /** Every score's key in ordinal order, then the answers'. */
  private static List<String> keys() {
    List<String> keys = new java.util.ArrayList<>(List.of(ScoreName.keys()));
    keys.addAll(List.of(AnswerColumns.CONFIDENCE, AnswerColumns.OOD_P_VALUE, AnswerColumns.TRUST));
    return keys;
  }

  private static Map<String, Double> perScore(IntToDoubleFunction byIndex) {
    Map<String, Double> out = new LinkedHashMap<>();
    List<String> keys = keys();
    for (int i = 0; i < keys.size(); i++) {
      out.put(keys.get(i), byIndex.applyAsDouble(i));
    }
    return out;
  }

  private static Map<String, Double> pearsonMap(double miTv, double miBias, double tvBias) {
    Map<String, Double> out = new LinkedHashMap<>();
    out.put("mi_tv", miTv);
    out.put("mi_bias", miBias);
    out.put("tv_bias", tvBias);
    return out;
  }
}
