package io.penultimate.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * {@code reproduce --json}: the headline numbers as means over seeds (same keys as one {@link
 * EvaluationReport}, the OOD ones by OOD type), their sample standard deviations under {@code sd}
 * in the same shape, and every run in full. {@code nodes} are the first seed's (nodes of different
 * networks do not correspond). Every run faces the same OOD types (reproduce builds them so).
 */
public record ReproduceSummary(
    String dataset,
    Map<String, String> oodDataset,
    String arch,
    List<OptionalLong> seeds,
    double testAccuracy,
    double saturationShare,
    Map<String, Double> pearson,
    Map<String, Double> auroc,
    Map<String, Map<String, Double>> oodAuroc,
    Map<String, Map<String, Double>> oodFpr95,
    Map<String, Double> ece,
    Map<String, Double> primaryAlphaAuroc,
    Map<String, Map<String, Double>> primaryAlphaOodAuroc,
    Map<String, Double> brier,
    Map<String, Double> falseAlarmRate,
    double trustOodShare,
    Map<String, Map<String, Map<String, Double>>> augrc,
    Map<String, Map<String, Map<String, Double>>> aurc,
    Map<String, Map<String, Map<String, Double>>> jointFpr95,
    Map<String, Object> sd,
    List<NodeAnalysis.Row> nodes,
    List<EvaluationReport> runs) {

  public static ReproduceSummary of(List<EvaluationReport> runs) {
    EvaluationReport first = runs.get(0);
    for (EvaluationReport run : runs) {
      if (!run.oodAuroc().keySet().equals(first.oodAuroc().keySet())) {
        throw new IllegalArgumentException("every run must face the same OOD sets, found " + first.oodAuroc().keySet()
            + " and " + run.oodAuroc().keySet());
      }
    }
    Map<String, Object> sd = new LinkedHashMap<>();
    sd.put("testAccuracy", sd(runs, r -> Map.of("v", r.testAccuracy())).get("v"));
    sd.put("saturationShare", sd(runs, r -> Map.of("v", r.saturationShare())).get("v"));
    sd.put("pearson", sd(runs, EvaluationReport::pearson));
    sd.put("auroc", sd(runs, EvaluationReport::auroc));
    sd.put("oodAuroc", byType(runs, EvaluationReport::oodAuroc, ReproduceSummary::sd));
    sd.put("oodFpr95", byType(runs, EvaluationReport::oodFpr95, ReproduceSummary::sd));
    sd.put("ece", sd(runs, EvaluationReport::ece));
    sd.put("primaryAlphaAuroc", sd(runs, EvaluationReport::primaryAlphaAuroc));
    sd.put("primaryAlphaOodAuroc", byType(runs, EvaluationReport::primaryAlphaOodAuroc, ReproduceSummary::sd));
    sd.put("brier", sd(runs, EvaluationReport::brier));
    sd.put("falseAlarmRate", sd(runs, EvaluationReport::falseAlarmRate));
    sd.put("augrc", byTypeAndShare(runs, EvaluationReport::augrc, ReproduceSummary::sd));
    sd.put("aurc", byTypeAndShare(runs, EvaluationReport::aurc, ReproduceSummary::sd));
    sd.put("jointFpr95", byTypeAndShare(runs, EvaluationReport::jointFpr95, ReproduceSummary::sd));
    return new ReproduceSummary(
        first.dataset(),
        first.oodDataset(),
        first.arch(),
        runs.stream().map(EvaluationReport::seed).toList(),
        runs.stream().mapToDouble(EvaluationReport::testAccuracy).average().orElseThrow(),
        runs.stream().mapToDouble(EvaluationReport::saturationShare).average().orElseThrow(),
        mean(runs, EvaluationReport::pearson),
        mean(runs, EvaluationReport::auroc),
        byType(runs, EvaluationReport::oodAuroc, ReproduceSummary::mean),
        byType(runs, EvaluationReport::oodFpr95, ReproduceSummary::mean),
        mean(runs, EvaluationReport::ece),
        mean(runs, EvaluationReport::primaryAlphaAuroc),
        byType(runs, EvaluationReport::primaryAlphaOodAuroc, ReproduceSummary::mean),
        mean(runs, EvaluationReport::brier),
        mean(runs, EvaluationReport::falseAlarmRate),
        first.trustOodShare(),
        byTypeAndShare(runs, EvaluationReport::augrc, ReproduceSummary::mean),
        byTypeAndShare(runs, EvaluationReport::aurc, ReproduceSummary::mean),
        byTypeAndShare(runs, EvaluationReport::jointFpr95, ReproduceSummary::mean),
        sd,
        first.nodes(),
        runs);
  }

  /** A statistic of a field held per OOD type ("far", "near"), computed type by type. */
  private static Map<String, Map<String, Double>> byType(
      List<EvaluationReport> runs,
      Function<EvaluationReport, Map<String, Map<String, Double>>> field,
      BiFunction<List<EvaluationReport>, Function<EvaluationReport, Map<String, Double>>, Map<String, Double>> statistic) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    for (String type : field.apply(runs.get(0)).keySet()) {
      out.put(type, statistic.apply(runs, r -> field.apply(r).get(type)));
    }
    return out;
  }

  /** A statistic of a joint-task field, held per OOD type and then per OOD share. */
  private static Map<String, Map<String, Map<String, Double>>> byTypeAndShare(
      List<EvaluationReport> runs,
      Function<EvaluationReport, Map<String, Map<String, Map<String, Double>>>> field,
      BiFunction<List<EvaluationReport>, Function<EvaluationReport, Map<String, Double>>, Map<String, Double>> statistic) {
    Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
    field.apply(runs.get(0)).forEach((type, byShare) -> {
      Map<String, Map<String, Double>> shares = new LinkedHashMap<>();
      for (String share : byShare.keySet()) {
        shares.put(share, statistic.apply(runs, r -> field.apply(r).get(type).get(share)));
      }
      out.put(type, shares);
    });
    return out;
  }

  private static Map<String, Double> mean(List<EvaluationReport> runs, Function<EvaluationReport, Map<String, Double>> field) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String key : field.apply(runs.get(0)).keySet()) {
      out.put(key, runs.stream().mapToDouble(r -> field.apply(r).get(key)).average().orElseThrow());
    }
    return out;
  }

  private static Map<String, Double> sd(List<EvaluationReport> runs, Function<EvaluationReport, Map<String, Double>> field) {
    Map<String, Double> means = mean(runs, field);
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : means.entrySet()) {
      double ss = runs.stream().mapToDouble(r -> Math.pow(field.apply(r).get(e.getKey()) - e.getValue(), 2)).sum();
      out.put(e.getKey(), runs.size() < 2 ? 0.0 : Math.sqrt(ss / (runs.size() - 1)));
    }
    return out;
  }
}
