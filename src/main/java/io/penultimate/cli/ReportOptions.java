package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.RocCurve;
import io.penultimate.plot.Plots;
import io.penultimate.report.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --json} and {@code --plots}, shared by evaluate and reproduce. */
final class ReportOptions {
  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
  Path json;

  @Option(names = "--plots", paramLabel = "DIR", description = "Write PNG plots: ROC curves, reliability diagram, MI vs TV, hidden-output histograms.")
  Path plots;

  void writeJson(Object value) throws IOException {
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), value);
    }
  }

  void writePlots(Evaluator.Evaluation evaluation, double[][] testHidden, String prefix) throws IOException {
    if (plots == null) {
      return;
    }
    boolean[] correct = evaluation.correct();
    Map<String, RocCurve> misclassification = new LinkedHashMap<>();
    Map<String, RocCurve> ood = new LinkedHashMap<>();
    Map<String, List<CalibrationError.Bin>> reliability = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      double[] in = evaluation.testScores().get(score);
      double[] out = evaluation.oodScores().get(score);
      misclassification.put(score.key(), RocCurve.of(in, correct));
      double[] both = java.util.Arrays.copyOf(in, in.length + out.length);
      System.arraycopy(out, 0, both, in.length, out.length);
      boolean[] inFirst = new boolean[both.length];
      java.util.Arrays.fill(inFirst, 0, in.length, true);
      ood.put(score.key(), RocCurve.of(both, inFirst));
    }
    reliability.put("softmax (raw)", CalibrationError.reliability(evaluation.testScores().get(ScoreName.SOFTMAX), correct, CalibrationError.DEFAULT_BINS));
    Plots.rocCurves(plots.resolve(prefix + "roc-misclassification.png"), "Correct vs wrong predictions", misclassification);
    Plots.rocCurves(plots.resolve(prefix + "roc-ood.png"), "In- vs out-of-distribution", ood);
    Plots.reliabilityDiagram(plots.resolve(prefix + "reliability.png"), "Reliability of max softmax", reliability);
    double[] mi = evaluation.report().nodes().stream().mapToDouble(n -> n.mi()).toArray();
    double[] tv = evaluation.report().nodes().stream().mapToDouble(n -> n.tv()).toArray();
    Plots.scatter(plots.resolve(prefix + "mi-vs-tv.png"), "Mutual information vs task variance per node", "task variance", "MI (nats)", tv, mi);
    double[] all = java.util.Arrays.stream(testHidden).flatMapToDouble(java.util.Arrays::stream).toArray();
    double max = java.util.Arrays.stream(all).max().orElse(1);
    Plots.histograms(plots.resolve(prefix + "hidden-histogram.png"), "Last-hidden outputs on the test set", Map.of("all nodes", all), 50, Math.min(0, java.util.Arrays.stream(all).min().orElse(0)), Math.max(1, max));
  }
}
