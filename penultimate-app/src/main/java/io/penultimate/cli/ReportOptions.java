package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.ScoreName;
import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.evaluation.RiskCoverage;
import io.penultimate.evaluation.RocCurve;
import io.penultimate.plot.Plots;
import io.penultimate.report.AnswerColumns;
import io.penultimate.report.Evaluator;
import io.penultimate.report.NodeAnalysis;
import io.penultimate.report.OodType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --json} and {@code --plots}, shared by evaluate and reproduce. */
final class ReportOptions {
  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
  Path json;

  @Option(names = "--plots", paramLabel = "DIR", description = "Write PNG plots: ROC curves (OOD ones only with OOD data, of the near OOD set too when there is one), reliability diagram, MI vs TV, hidden-output histograms, and at the nodes of highest, median and lowest MI their training values with the fitted mixtures over them (node-N.png).")
  Path plots;

  void writeJson(Object value) throws IOException {
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), value);
    }
  }

  void writePlots(Evaluator.Evaluation evaluation, String prefix) throws IOException {
    if (plots == null) {
      return;
    }
    boolean[] correct = evaluation.correct();
    double[][] testHidden = evaluation.test().outputs().hidden();
    Map<String, RocCurve> misclassification = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      misclassification.put(score.key(), RocCurve.of(evaluation.testScores().get(score), correct));
    }
    Plots.rocCurves(plots.resolve(prefix + "roc-misclassification.png"), "Correct vs wrong predictions", misclassification);
    // roc-ood.png against the far OOD set, as before there were several; roc-ood-near.png against the held-out classes
    for (Map.Entry<OodType, Map<ScoreName, double[]>> set : evaluation.oodScores().entrySet()) {
      Map<String, RocCurve> ood = new LinkedHashMap<>();
      for (ScoreName score : ScoreName.values()) {
        OodMetrics.Pooled pooled = OodMetrics.pool(evaluation.testScores().get(score), set.getValue().get(score));
        ood.put(score.key(), RocCurve.of(pooled.scores(), pooled.inDistribution()));
      }
      OodType type = set.getKey();
      String file = type == OodType.FAR ? "roc-ood.png" : "roc-ood-" + type.key() + ".png";
      Plots.rocCurves(plots.resolve(prefix + file),
          "In- vs out-of-distribution (" + type.key() + ": " + evaluation.report().oodDataset().get(type.key()) + ")", ood);
    }

    writeAnswerPlots(evaluation, prefix);

    Map<String, List<CalibrationError.Bin>> reliability = new LinkedHashMap<>();
    Map<String, Double> ece = new LinkedHashMap<>();
    reliability.put("max softmax", CalibrationError.reliability(evaluation.testScores().get(ScoreName.SOFTMAX), correct, CalibrationError.DEFAULT_BINS));
    ece.put("max softmax", evaluation.report().ece().get("softmaxUncalibrated"));
    reliability.put("primary, calibrated", CalibrationError.reliability(evaluation.primaryConfidence(), correct, CalibrationError.DEFAULT_BINS));
    reliability.put("confidence", CalibrationError.reliability(evaluation.testAnswers().confidence(), correct, CalibrationError.DEFAULT_BINS));
    ece.put("primary, calibrated", evaluation.report().ece().get(ScoreName.PRIMARY.key()));
    ece.put("confidence", evaluation.report().ece().get(AnswerColumns.CONFIDENCE));
    Plots.reliabilityDiagram(plots.resolve(prefix + "reliability.png"), "Reliability on the test set", reliability, ece);

    double[] mi = evaluation.report().nodes().stream().mapToDouble(NodeAnalysis.Row::mi).toArray();
    double[] tv = evaluation.report().nodes().stream().mapToDouble(NodeAnalysis.Row::tv).toArray();
    Plots.scatter(plots.resolve(prefix + "mi-vs-tv.png"), "Mutual information vs task variance per node", "task variance", "MI (nats)", tv, mi);
    writeNodeFits(evaluation, prefix);

    Map<String, double[]> hidden = new LinkedHashMap<>();
    hidden.put("correct predictions", flatten(testHidden, correct, true));
    hidden.put("wrong predictions", flatten(testHidden, correct, false));
    double max = Arrays.stream(testHidden).flatMapToDouble(Arrays::stream).max().orElse(1);
    double min = Arrays.stream(testHidden).flatMapToDouble(Arrays::stream).min().orElse(0);
    Plots.histograms(plots.resolve(prefix + "hidden-histogram.png"), "Last-hidden outputs, all nodes, test set", hidden, 50, Math.min(0, min), Math.max(1, max));
  }

  /** node-N.png for each node of {@link Evaluator.Evaluation#nodeFits()}: its training values with the fitted mixtures over them. */
  private void writeNodeFits(Evaluator.Evaluation evaluation, String prefix) throws IOException {
    for (NodeAnalysis.NodeFit fit : evaluation.nodeFits()) {
      Map<String, GoodnessOfFit.Binned> series = new LinkedHashMap<>();
      fit.pooled().ifPresent(b -> series.put("all classes, pooled " + fit.pooledComponents() + "-comp.", b));
      fit.perClass().ifPresent(b -> series.put("class " + fit.className() + ", " + fit.classComponents() + "-comp.", b));
      if (!series.isEmpty()) {
        Plots.mixtureFits(plots.resolve(prefix + "node-" + fit.node() + ".png"), String.format(Locale.ROOT,
            "Node %d (%s, %.3f nats): training outputs of correct predictions", fit.node(), fit.rank(), fit.mi()), series);
      }
    }
  }

  /**
   * Per OOD set, generalized risk against coverage on the joint task at the bundle's OOD share
   * (trust, confidence, the OOD p-value and max softmax), and the OOD p-values of in-distribution
   * test inputs against every OOD set's: uniform against piled up near 0 when the detector works.
   */
  private void writeAnswerPlots(Evaluator.Evaluation evaluation, String prefix) throws IOException {
    double share = evaluation.report().trustOodShare();
    AnswerColumns test = evaluation.testAnswers();
    boolean[] correct = evaluation.correct();
    Map<String, double[]> pValues = new LinkedHashMap<>();
    pValues.put("in-distribution test", test.oodPValue());
    for (Map.Entry<OodType, AnswerColumns> set : evaluation.oodAnswers().entrySet()) {
      OodType type = set.getKey();
      AnswerColumns out = set.getValue();
      pValues.put(type.key() + " OOD", out.oodPValue());
      Map<String, RiskCoverage> curves = new LinkedHashMap<>();
      curves.put(AnswerColumns.TRUST, RiskCoverage.joint(test.trust(), correct, out.trust(), share));
      curves.put(AnswerColumns.CONFIDENCE, RiskCoverage.joint(test.confidence(), correct, out.confidence(), share));
      curves.put(AnswerColumns.OOD_P_VALUE, RiskCoverage.joint(test.logOodPValue(), correct, out.logOodPValue(), share));
      curves.put(ScoreName.SOFTMAX.key(), RiskCoverage.joint(
          evaluation.testScores().get(ScoreName.SOFTMAX), correct, evaluation.oodScores().get(type).get(ScoreName.SOFTMAX), share));
      String file = type == OodType.FAR ? "risk-coverage.png" : "risk-coverage-" + type.key() + ".png";
      Plots.riskCoverage(plots.resolve(prefix + file), String.format(Locale.ROOT,
          "Joint task, %s OOD at share %s: accepted failures / all", type.key(), Evaluator.alphaKey(share)), curves);
    }
    Plots.histograms(plots.resolve(prefix + "ood-p-values.png"), "OOD p-values", pValues, 20, 0, 1);
  }

  private static double[] flatten(double[][] rows, boolean[] keep, boolean wanted) {
    return java.util.stream.IntStream.range(0, rows.length)
        .filter(i -> keep[i] == wanted)
        .mapToObj(i -> rows[i])
        .flatMapToDouble(Arrays::stream)
        .toArray();
  }
}
