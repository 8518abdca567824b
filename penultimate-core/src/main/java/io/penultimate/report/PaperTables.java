package io.penultimate.report;

import io.penultimate.bundle.ScoreName;
import io.penultimate.math.Stats;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prints the paper's tables with the paper's numbers beside ours as mean ± sd over seeds: its MNIST
 * MLP column for the gray data sets, its VGG16/CIFAR-100 column for CIFAR (see {@link PaperColumn}).
 * The paper has no Fashion-MNIST and no CIFAR-10 column; the header names the column shown.
 */
public final class PaperTables {
  private PaperTables() {}

  /**
   * The figures of one of the paper's two networks ("-" where it gives none).
   *
   * @param gmmFootnote whether the R² figures come from the other network, as the MLP's do
   * @param auroc its misclassification AUROC by score key
   */
  record PaperColumn(String name, String accuracy, String saturation, String gmmPerClass, String gmmPooled, boolean gmmFootnote,
      String miTv, String miBias, String tvBias, Map<String, String> auroc) {
    static final PaperColumn MNIST_MLP = new PaperColumn("its MNIST MLP", "0.970", "0.970", "0.952", "0.811", true,
        "0.949", "0.493", "0.472", Map.of("softmax", "0.953", "trinomial", "0.960", "beta", "0.958"));
    // "not saturated" is all the paper says of VGG16's layer: no share to compare with
    static final PaperColumn CIFAR100_VGG16 = new PaperColumn("its VGG16 on CIFAR-100 (100 classes, not our data set)",
        "0.740", "-", "0.952", "0.811", false, "0.674", "0.057", "0.099", Map.of("softmax", "0.864", "gmm", "0.873"));

    /** The VGG16 column for the CIFAR data sets (the convolutional, wide-layer case), the MLP's for every other. */
    static PaperColumn of(String dataset) {
      return dataset.startsWith("cifar") ? CIFAR100_VGG16 : MNIST_MLP;
    }

    String gmm(String value) {
      return gmmFootnote ? value + "*" : value;
    }
  }

  public static void print(List<EvaluationReport> runs, PrintWriter out) {
    EvaluationReport first = runs.get(0);
    PaperColumn paper = PaperColumn.of(first.dataset());
    boolean far = first.faced(OodType.FAR);
    out.printf(Locale.ROOT, "%nData set %s, architecture %s, %d seed(s); %s. Paper column: %s.%n",
        first.dataset(), first.arch(), runs.size(), oodSets(first), paper.name());

    out.printf(Locale.ROOT, "%nTable 1. Network and encoding%n");
    header(out, "measure");
    row(out, "test accuracy", paper.accuracy(), runs, EvaluationReport::testAccuracy);
    row(out, "saturated share (h<0.1 or h>0.9)", paper.saturation(), runs, EvaluationReport::saturationShare);
    row(out, "GMM R^2, 3 comp. per node per class", paper.gmm(paper.gmmPerClass()), runs, r -> r.goodnessOfFit().get("gmmPerClass"));
    row(out, "GMM R^2, 10 comp. per node, all classes", paper.gmm(paper.gmmPooled()), runs, r -> r.goodnessOfFit().get("gmmPooled"));
    // the same two on the values above 0 alone, where a ReLU layer's spike of zeros cannot carry the fit
    row(out, "  3 comp. per class, values above 0 only", "-", runs, r -> r.goodnessOfFit().get("gmmPerClassPositive"));
    row(out, "  10 comp. pooled, values above 0 only", "-", runs, r -> r.goodnessOfFit().get("gmmPooledPositive"));
    if (paper.gmmFootnote()) {
      out.println("  * the paper's R^2 values are for VGG16 on CIFAR-100 (512 ReLU nodes), not for the MLP");
    }

    out.printf(Locale.ROOT, "%nTable 2. Pearson correlation across nodes (MI from %s; bias: equal share)%n", first.miSource());
    header(out, "pair");
    row(out, "rho(MI, TV)", paper.miTv(), runs, r -> r.pearson().get("mi_tv"));
    row(out, "rho(MI, Bias)", paper.miBias(), runs, r -> r.pearson().get("mi_bias"));
    row(out, "rho(TV, Bias)", paper.tvBias(), runs, r -> r.pearson().get("tv_bias"));
    row(out, "rho(MI, Bias), minimum-norm bias", "-", runs, r -> r.pearsonMinimumNormBias().get("mi_bias"));
    if (first.nodes().size() >= 2) {
      printPaperMi(runs, out);
    }

    out.printf(Locale.ROOT, "%nTable 3. AUROC: correct vs wrong predictions (misclassification) and in- vs out-of-distribution%n");
    out.printf(Locale.ROOT, "  %-22s %8s %16s %16s %16s %16s%n", "score", "paper", "misclass.", "vs softmax", "OOD AUROC", "FPR@95TPR");
    for (ScoreName score : ScoreName.values()) {
      String key = score.key();
      out.printf(Locale.ROOT, "  %-22s %8s %16s %16s %16s %16s%n", key, paper.auroc().getOrDefault(key, "-"),
          meanSd(runs, r -> r.auroc().get(key)),
          meanSd(runs, r -> r.vsSoftmax().get(key).difference()),
          far ? meanSd(runs, r -> r.oodAuroc(OodType.FAR).get(key)) : "-",
          far ? meanSd(runs, r -> r.oodFpr95(OodType.FAR).get(key)) : "-");
    }
    if (first.faced(OodType.NEAR)) {
      printNearOod(runs, out);
    }
    printFrontier(runs, out);
    out.printf(Locale.ROOT, "%nExpected calibration error (15 bins) of calibrated P(correct); raw softmax: %s%n",
        meanSd(runs, r -> r.ece().get("softmaxUncalibrated")));
    for (ScoreName score : ScoreName.values()) {
      out.printf(Locale.ROOT, "  %-22s %16s%n", score.key(), meanSd(runs, r -> r.ece().get(score.key())));
    }
    printAnswers(runs, out);
    out.flush();
  }

  /**
   * The mixtures' MI by the paper's eq. 2 beside the numerical one: how far the approximation's
   * ranking of nodes agrees with the integral's, and the Table 2 correlation it would have given.
   */
  private static void printPaperMi(List<EvaluationReport> runs, PrintWriter out) {
    row(out, "rho(MI by eq. 2, TV)", "-", runs, r -> Stats.pearson(column(r, NodeAnalysis.Row::miGmmPaper), column(r, NodeAnalysis.Row::tv)));
    row(out, "rho(MI by eq. 2, MI numerical)", "-", runs,
        r -> Stats.pearson(column(r, NodeAnalysis.Row::miGmmPaper), column(r, NodeAnalysis.Row::miGmmNumerical)));
    row(out, "mean MI per node by eq. 2 (nats)", "-", runs, r -> Stats.mean(column(r, NodeAnalysis.Row::miGmmPaper)));
    row(out, "mean MI per node, numerical (nats)", "-", runs, r -> Stats.mean(column(r, NodeAnalysis.Row::miGmmNumerical)));
  }

  private static double[] column(EvaluationReport report, ToDoubleFunction<NodeAnalysis.Row> value) {
    return report.nodes().stream().mapToDouble(value).toArray();
  }

  /**
   * Each answer judged by the metric of its own job, against the goals it was built for: the
   * confidence against max softmax, the OOD p-value against the best single score, the trust
   * against every score on the joint task at each OOD share.
   */
  private static void printAnswers(List<EvaluationReport> runs, PrintWriter out) {
    EvaluationReport first = runs.get(0);
    out.printf(Locale.ROOT, "%nTable 4. The three answers, each by its own metric (mean over seeds; goal met when every mean meets it)%n");
    out.printf(Locale.ROOT, "  confidence: misclass. AUROC %s vs softmax %s (goal >=: %s); ECE %s vs raw softmax %s (goal <=: %s); Brier %s%n",
        meanSd(runs, r -> r.auroc().get(AnswerColumns.CONFIDENCE)), meanSd(runs, r -> r.auroc().get("softmax")),
        verdict(mean(runs, r -> r.auroc().get(AnswerColumns.CONFIDENCE)) >= mean(runs, r -> r.auroc().get("softmax"))),
        meanSd(runs, r -> r.ece().get(AnswerColumns.CONFIDENCE)), meanSd(runs, r -> r.ece().get("softmaxUncalibrated")),
        verdict(mean(runs, r -> r.ece().get(AnswerColumns.CONFIDENCE)) <= mean(runs, r -> r.ece().get("softmaxUncalibrated"))),
        meanSd(runs, r -> r.brier().get(AnswerColumns.CONFIDENCE)));
    double falseAlarms = mean(runs, r -> r.falseAlarmRate().get(AnswerColumns.OOD_P_VALUE));
    out.printf(Locale.ROOT, "  oodPValue: false-alarm rate on the test split %s at alpha %s (goal alpha +- 0.02: %s)%n",
        meanSd(runs, r -> r.falseAlarmRate().get(AnswerColumns.OOD_P_VALUE)), first.oodAlpha(),
        verdict(Math.abs(falseAlarms - first.oodAlpha()) <= 0.02));
    for (String type : first.oodAuroc().keySet()) {
      OodType oodType = OodType.valueOf(type.toUpperCase(Locale.ROOT));
      String bestSingle = best(runs, r -> r.oodAuroc(oodType));
      double gap = mean(runs, r -> r.oodAuroc(oodType).get(bestSingle)) - mean(runs, r -> r.oodAuroc(oodType).get(AnswerColumns.OOD_P_VALUE));
      out.printf(Locale.ROOT, "  oodPValue, %s OOD: AUROC %s, FPR@95TPR %s; best single score %s %s (goal within 0.005: %s)%n", type,
          meanSd(runs, r -> r.oodAuroc(oodType).get(AnswerColumns.OOD_P_VALUE)),
          meanSd(runs, r -> r.oodFpr95(oodType).get(AnswerColumns.OOD_P_VALUE)),
          bestSingle, meanSd(runs, r -> r.oodAuroc(oodType).get(bestSingle)), verdict(gap <= 0.005));
    }
    for (String type : first.augrc().keySet()) {
      Map<String, Map<String, Double>> byShare = first.augrc().get(type);
      out.printf(Locale.ROOT, "%n  Joint task, %s OOD: AUGRC x 1000 by assumed OOD share pi (lower is better; trust refitted at each pi)%n", type);
      out.printf(Locale.ROOT, "  %-22s", "score / pi");
      byShare.keySet().forEach(share -> out.printf(Locale.ROOT, " %16s", share));
      out.println();
      for (String column : byShare.values().iterator().next().keySet()) {
        out.printf(Locale.ROOT, "  %-22s", column);
        for (String share : byShare.keySet()) {
          out.printf(Locale.ROOT, " %16s", meanSd1000(runs, r -> r.augrc().get(type).get(share).get(column)));
        }
        out.println();
      }
      for (String share : byShare.keySet()) {
        String bestBaseline = lowest(runs, r -> r.augrc().get(type).get(share));
        double trust = mean(runs, r -> r.augrc().get(type).get(share).get(AnswerColumns.TRUST));
        out.printf(Locale.ROOT, "  pi %s: trust %.2f vs the lowest score, %s %.2f (goal <=: %s)%n", share, 1000 * trust, bestBaseline,
            1000 * mean(runs, r -> r.augrc().get(type).get(share).get(bestBaseline)),
            verdict(trust <= mean(runs, r -> r.augrc().get(type).get(share).get(bestBaseline))));
      }
    }
  }

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static double mean(List<EvaluationReport> runs, ToDoubleFunction<EvaluationReport> value) {
    return runs.stream().mapToDouble(value).average().orElse(Double.NaN);
  }

  /** The score (any, the primary included; no answer) with the lowest mean over runs. */
  private static String lowest(List<EvaluationReport> runs, java.util.function.Function<EvaluationReport, Map<String, Double>> field) {
    String lowest = null;
    double lowestMean = Double.POSITIVE_INFINITY;
    for (ScoreName score : ScoreName.values()) {
      double mean = mean(runs, r -> field.apply(r).get(score.key()));
      if (mean < lowestMean) {
        lowest = score.key();
        lowestMean = mean;
      }
    }
    return lowest;
  }

  /** {@link #meanSd} of a value times 1000, for AUGRCs of a few thousandths. */
  private static String meanSd1000(List<EvaluationReport> runs, ToDoubleFunction<EvaluationReport> value) {
    return meanSd(runs, r -> 1000 * value.applyAsDouble(r));
  }

  /** "OOD set X" with the far set alone, else "far OOD set X, near OOD set Y"; that the OOD metrics were skipped without one. */
  private static String oodSets(EvaluationReport report) {
    if (report.oodDataset().isEmpty()) {
      return "no OOD set: OOD metrics skipped (give --ood DATA for them)";
    }
    if (report.oodDataset().size() == 1 && report.faced(OodType.FAR)) {
      return "OOD set " + report.oodDataset().get(OodType.FAR.key());
    }
    return String.join(", ", report.oodDataset().entrySet().stream().map(e -> e.getKey() + " OOD set " + e.getValue()).toList());
  }

  /**
   * The open-set protocol's table: in-distribution test images against the held-out classes' test
   * images, which the paper does not measure; the far OOD AUROC beside it for comparison.
   */
  private static void printNearOod(List<EvaluationReport> runs, PrintWriter out) {
    out.printf(Locale.ROOT, "%nNear OOD. In-distribution test images vs the held-out classes' (%s)%n",
        runs.get(0).oodDataset().get(OodType.NEAR.key()));
    out.printf(Locale.ROOT, "  %-22s %16s %16s %16s%n", "score", "OOD AUROC", "FPR@95TPR", "far OOD AUROC");
    for (ScoreName score : ScoreName.values()) {
      String key = score.key();
      out.printf(Locale.ROOT, "  %-22s %16s %16s %16s%n", key,
          meanSd(runs, r -> r.oodAuroc(OodType.NEAR).get(key)),
          meanSd(runs, r -> r.oodFpr95(OodType.NEAR).get(key)),
          meanSd(runs, r -> r.oodAuroc(OodType.FAR).get(key)));
    }
  }

  /**
   * The primary score at every gate level α beside the best single score of each task: what the
   * gate trades, on test data, for the α chosen on validation data.
   */
  private static void printFrontier(List<EvaluationReport> runs, PrintWriter out) {
    boolean near = runs.get(0).faced(OodType.NEAR);
    boolean far = runs.get(0).faced(OodType.FAR);
    String bestMisclass = best(runs, EvaluationReport::auroc);
    String bestFar = far ? best(runs, r -> r.oodAuroc(OodType.FAR)) : null;
    String bestNear = near ? best(runs, r -> r.oodAuroc(OodType.NEAR)) : null;
    out.printf(Locale.ROOT, "%nPrimary score by gate level alpha (bundle's, chosen on validation: %s); best single scores: %s %s, OOD %s%s%n",
        runs.stream().map(r -> String.valueOf(r.settings().get("primaryAlpha"))).distinct().toList(),
        bestMisclass, meanSd(runs, r -> r.auroc().get(bestMisclass)),
        far ? bestFar + " " + meanSd(runs, r -> r.oodAuroc(OodType.FAR).get(bestFar)) : "-",
        near ? String.format(Locale.ROOT, ", near OOD %s %s", bestNear, meanSd(runs, r -> r.oodAuroc(OodType.NEAR).get(bestNear))) : "");
    out.printf(Locale.ROOT, "  %-22s %16s %16s%s%n", "alpha", "misclass.", "OOD AUROC",
        near ? String.format(Locale.ROOT, " %16s", "near OOD AUROC") : "");
    for (String alpha : runs.get(0).primaryAlphaAuroc().keySet()) {
      String nearCell = near ? String.format(Locale.ROOT, " %16s", meanSd(runs, r -> r.primaryAlphaOodAuroc(OodType.NEAR).get(alpha))) : "";
      out.printf(Locale.ROOT, "  %-22s %16s %16s%s%n", alpha,
          meanSd(runs, r -> r.primaryAlphaAuroc().get(alpha)),
          far ? meanSd(runs, r -> r.primaryAlphaOodAuroc(OodType.FAR).get(alpha)) : "-", nearCell);
    }
  }

  /** The single score (not the primary) with the highest mean over runs. */
  private static String best(List<EvaluationReport> runs, java.util.function.Function<EvaluationReport, Map<String, Double>> field) {
    String best = null;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (ScoreName score : ScoreName.values()) {
      double mean = runs.stream().mapToDouble(r -> field.apply(r).get(score.key())).average().orElse(Double.NaN);
      if (score != ScoreName.PRIMARY && mean > bestMean) {
        best = score.key();
        bestMean = mean;
      }
    }
    return best;
  }

  private static void header(PrintWriter out, String first) {
    out.printf(Locale.ROOT, "  %-42s %8s %16s%n", first, "paper", "ours");
  }

  private static void row(PrintWriter out, String name, String paper, List<EvaluationReport> runs, ToDoubleFunction<EvaluationReport> value) {
    out.printf(Locale.ROOT, "  %-42s %8s %16s%n", name, paper, meanSd(runs, value));
  }

  /** "mean ± sd" (sample sd) over runs, or the single value for one run. */
  static String meanSd(List<EvaluationReport> runs, ToDoubleFunction<EvaluationReport> value) {
    double[] values = runs.stream().mapToDouble(value).toArray();
    double mean = java.util.Arrays.stream(values).average().orElse(Double.NaN);
    if (values.length < 2) {
      return String.format(Locale.ROOT, "%.3f", mean);
    }
    double ss = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    return String.format(Locale.ROOT, "%.3f ± %.3f", mean, Math.sqrt(ss / (values.length - 1)));
  }
}
