package io.penultimate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.ScoreName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaperTablesTest {
  // PaperTables formats with the JVM's default locale (String.format / printf without a Locale),
  // so the expected "0.970" would read "0,970" on a German machine. Pin it for determinism.
  private Locale savedDefault;
  private Locale savedFormat;

  @BeforeEach
  void pinLocale() {
    savedDefault = Locale.getDefault();
    savedFormat = Locale.getDefault(Locale.Category.FORMAT);
    Locale.setDefault(Locale.ROOT);
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(savedDefault);
    Locale.setDefault(Locale.Category.FORMAT, savedFormat);
  }

  @Test
  void meanSdOfASingleRunIsTheValueToThreeDecimals() {
    assertThat(PaperTables.meanSd(runs(0.123), EvaluationReport::testAccuracy)).isEqualTo("0.123");
    assertThat(PaperTables.meanSd(runs(0.98765), EvaluationReport::testAccuracy)).isEqualTo("0.988");
  }

  @Test
  void meanSdOfSeveralRunsIsTheMeanPlusMinusTheSampleStandardDeviation() {
    // 0.1, 0.2, 0.4: mean 0.7/3 = 0.2333; squared deviations 0.017778 + 0.001111 + 0.027778 =
    // 0.046667; / (3 − 1) = 0.023333; sqrt = 0.152753 (the population sd would be 0.124722).
    assertThat(PaperTables.meanSd(runs(0.1, 0.2, 0.4), EvaluationReport::testAccuracy)).isEqualTo("0.233 ± 0.153");
    // Two runs: sd = |a − b| / √2 = 0.02 / 1.41421 = 0.014142.
    assertThat(PaperTables.meanSd(runs(0.96, 0.98), EvaluationReport::testAccuracy)).isEqualTo("0.970 ± 0.014");
    assertThat(PaperTables.meanSd(runs(0.5, 0.5), EvaluationReport::testAccuracy)).isEqualTo("0.500 ± 0.000");
  }

  @Test
  void headerNamesTheDataSetArchitectureSeedCountAndOodSet() {
    assertThat(printTwoRuns()).contains("Data set mnist, architecture mlp, 2 seed(s); OOD set fashion.");
  }

  @Test
  void networkTableShowsThePaperValuesBesideOurMeanAndSd() {
    List<String[]> rows = rowsAfter(printTwoRuns(), "Table 1.");
    // accuracy 0.96, 0.98; saturation 0.90, 0.94 (sd 0.04/√2 = 0.028); GMM R² 0.80, 0.80 and 0.70, 0.72;
    // on the positive part 0.50, 0.70 (sd 0.2/√2 = 0.141) and 0.60 twice.
    assertThat(rows).containsSubsequence(
        cells("measure", "paper", "ours"),
        cells("test accuracy", "0.970", "0.970 ± 0.014"),
        cells("saturated share (h<0.1 or h>0.9)", "0.970", "0.920 ± 0.028"),
        cells("GMM R^2, 3 comp. per node per class", "0.952*", "0.800 ± 0.000"),
        cells("GMM R^2, 10 comp. per node, all classes", "0.811*", "0.710 ± 0.014"),
        cells("3 comp. per class, values above 0 only", "-", "0.600 ± 0.141"),
        cells("10 comp. pooled, values above 0 only", "-", "0.600 ± 0.000"));
  }

  @Test
  void pearsonTableShowsThePaperCorrelationsBesideOurMeanAndSd() {
    String text = printTwoRuns();
    assertThat(text).contains("Table 2. Pearson correlation across nodes (MI from binomial (exact); bias: equal share)");
    // mi_tv 0.90, 0.96 (sd 0.06/√2 = 0.042); mi_bias 0.40, 0.50 (0.1/√2 = 0.071); tv_bias 0.30 twice;
    // minimum-norm mi_bias −0.10, 0.10 (mean 0, sd 0.2/√2 = 0.141).
    assertThat(rowsAfter(text, "Table 2.")).containsExactly(
        cells("pair", "paper", "ours"),
        cells("rho(MI, TV)", "0.949", "0.930 ± 0.042"),
        cells("rho(MI, Bias)", "0.493", "0.450 ± 0.071"),
        cells("rho(TV, Bias)", "0.472", "0.300 ± 0.000"),
        cells("rho(MI, Bias), minimum-norm bias", "-", "0.000 ± 0.141"));
  }

  @Test
  void aCifarRunFacesThePapersVgg16ColumnWithoutTheR2Footnote() {
    String text = print(List.of(new ReportBuilder().dataset("cifar10:/data/cifar").testAccuracy(0.85).pearson(0.6, 0.1, 0.2)
        .auroc(i -> 0.80 + 0.01 * i).build()));
    assertThat(text).contains("Paper column: its VGG16 on CIFAR-100 (100 classes, not our data set).")
        .doesNotContain("the paper's R^2 values are for VGG16");
    assertThat(rowsAfter(text, "Table 1.")).contains(
        cells("test accuracy", "0.740", "0.850"),
        cells("saturated share (h<0.1 or h>0.9)", "-", "0.000"),
        cells("GMM R^2, 3 comp. per node per class", "0.952", "0.000"),
        cells("GMM R^2, 10 comp. per node, all classes", "0.811", "0.000"));
    assertThat(rowsAfter(text, "Table 2.")).contains(
        cells("rho(MI, TV)", "0.674", "0.600"), cells("rho(MI, Bias)", "0.057", "0.100"), cells("rho(TV, Bias)", "0.099", "0.200"));
    // ordinals: softmax 0 -> 0.80, gmm 5 -> 0.85; the paper gives no trinomial figure for VGG16
    assertThat(rowsAfter(text, "Table 3.")).contains(cells("softmax", "0.864", "0.800", "0.000", "0.500", "0.500"),
        cells("gmm", "0.873", "0.850", "0.000", "0.500", "0.500"), cells("trinomial", "-", "0.820", "0.000", "0.500", "0.500"));
  }

  @Test
  void pearsonTableSetsThePapersEq2MiBesideTheNumericalOneWhenTheReportHasNodes() {
    // three nodes: eq. 2 MI 1, 2, 3; numerical 2, 4, 7; TV 3, 2, 1.
    // rho(eq2, TV) = -1; rho(eq2, numerical): x dev -1,0,1, y dev -2.33,-0.33,2.67: sxy 5, sxx 2,
    // syy 12.667, 5 / sqrt(25.333) = 0.993; means 2 and 13/3 = 4.333.
    List<NodeAnalysis.Row> nodes = List.of(
        new NodeAnalysis.Row(0, 2, 0, 1, 2, 3, 0, 0), new NodeAnalysis.Row(1, 4, 0, 2, 4, 2, 0, 0),
        new NodeAnalysis.Row(2, 7, 0, 3, 7, 1, 0, 0));
    String text = print(List.of(new ReportBuilder().nodes(nodes).build()));
    assertThat(rowsAfter(text, "Table 2.")).containsSubsequence(
        cells("rho(MI, Bias), minimum-norm bias", "-", "0.000"),
        cells("rho(MI by eq. 2, TV)", "-", "-1.000"),
        cells("rho(MI by eq. 2, MI numerical)", "-", "0.993"),
        cells("mean MI per node by eq. 2 (nats)", "-", "2.000"),
        cells("mean MI per node, numerical (nats)", "-", "4.333"));
  }

  @Test
  void aurocTableHasOneRowPerScoreWithThePaperAurocWhereThePaperGivesOne() {
    List<String[]> rows = rowsAfter(printTwoRuns(), "Table 3.");
    // Score ordinal i: AUROC 0.80 + 0.01i and 0.84 + 0.01i (sd 0.028); difference to softmax 0.01i
    // and 0.03i (mean 0.02i, sd 0.0141i); OOD AUROC 0.70 + 0.01i twice; FPR 0.30 + 0.02i and
    // 0.40 + 0.02i (sd 0.071).
    assertThat(rows).hasSize(1 + io.penultimate.bundle.ScoreName.values().length);
    assertThat(rows.get(0)).containsExactly("score", "paper", "misclass.", "vs softmax", "OOD AUROC", "FPR@95TPR");
    assertThat(rows).contains(
        cells("softmax", "0.953", "0.820 ± 0.028", "0.000 ± 0.000", "0.700 ± 0.000", "0.350 ± 0.071"),
        cells("trinomial", "0.960", "0.840 ± 0.028", "0.040 ± 0.028", "0.720 ± 0.000", "0.390 ± 0.071"),
        cells("beta", "0.958", "0.850 ± 0.028", "0.060 ± 0.042", "0.730 ± 0.000", "0.410 ± 0.071"),
        cells("energy", "-", "0.880 ± 0.028", "0.120 ± 0.085", "0.760 ± 0.000", "0.470 ± 0.071"),
        cells("primary", "-", "0.980 ± 0.028", "0.320 ± 0.226", "0.860 ± 0.000", "0.670 ± 0.071"));
    assertThat(rows.subList(1, rows.size())).extracting(r -> r[0]).containsExactly(ScoreName.keys());
  }

  @Test
  void printsNoNearOodTableWithoutHeldOutClasses() {
    String text = printTwoRuns();
    assertThat(text).doesNotContain("Near OOD").doesNotContain("near OOD AUROC");
    assertThat(rowsAfter(text, "Primary score by gate level").get(0)).containsExactly("alpha", "misclass.", "OOD AUROC");
  }

  @Test
  void nearOodTableHasOneRowPerScoreWithTheFarAurocBeside() {
    // near AUROC 0.50 + 0.02i and 0.60 + 0.02i (sd 0.1/√2 = 0.071); FPR 0.8 and 0.6; far as above.
    String text = print(List.of(withNear(first(), 0.50, 0.8), withNear(second(), 0.60, 0.6)));

    assertThat(text).contains("far OOD set fashion, near OOD set mnist, held-out classes 6,7,8,9.");
    assertThat(text).contains("Near OOD. In-distribution test images vs the held-out classes' (mnist, held-out classes 6,7,8,9)");
    List<String[]> rows = rowsAfter(text, "Near OOD.");
    assertThat(rows).hasSize(ScoreName.values().length + 1);
    assertThat(rows.get(0)).containsExactly("score", "OOD AUROC", "FPR@95TPR", "far OOD AUROC");
    assertThat(rows).contains(
        cells("softmax", "0.550 ± 0.071", "0.700 ± 0.141", "0.700 ± 0.000"),
        cells("beta", "0.610 ± 0.071", "0.700 ± 0.141", "0.730 ± 0.000"));
    assertThat(rows.subList(1, rows.size())).extracting(r -> r[0]).containsExactly(ScoreName.keys());
  }

  @Test
  void frontierShowsThePrimaryScoresNearOodAurocAtEveryGateLevelAndTheBestNearScore() {
    String text = print(List.of(withNear(first(), 0.50, 0.8), withNear(second(), 0.60, 0.6)));

    // the best single near score is the highest ordinal before primary: mahalanobisNormalised (15), 0.55 + 0.30
    assertThat(text).contains(", near OOD mahalanobisNormalised 0.850 ± 0.071");
    List<String[]> rows = rowsAfter(text, "Primary score by gate level");
    assertThat(rows.get(0)).containsExactly("alpha", "misclass.", "OOD AUROC", "near OOD AUROC");
    assertThat(rows).contains(cells("0", "0.900 ± 0.000", "0.850 ± 0.000", "0.650 ± 0.000"));
  }

  @Test
  void judgesEachAnswerAgainstItsGoalAndTabulatesTheJointTaskByOodShare() {
    // confidence (index 17) 0.97 against softmax 0.80; every ECE 0 (so <= the raw 0); false alarms
    // 0.05 at alpha 0.05; AUGRC 0.01 for every score, 0.02 for trust (index 19)
    int trust = ScoreName.values().length + 2;
    EvaluationReport run = new ReportBuilder().auroc(i -> 0.80 + 0.01 * i).augrc(i -> i == trust ? 0.02 : 0.01).build();
    String text = print(List.of(run));

    assertThat(text).contains("confidence: misclass. AUROC 0.970 vs softmax 0.800 (goal >=: met); ECE 0.000 vs raw softmax 0.000 (goal <=: met)");
    assertThat(text).contains("oodPValue: false-alarm rate on the test split 0.050 at alpha 0.05 (goal alpha +- 0.02: met)");
    assertThat(text).contains("Joint task, far OOD: AUGRC x 1000 by assumed OOD share pi");
    assertThat(rowsAfter(text, "  Joint task, far OOD").get(0)).containsExactly("score / pi", "0", "0.1");
    assertThat(text).contains("pi 0.1: trust 20.00 vs the lowest score, softmax 10.00 (goal <=: NOT met)");
  }

  private static EvaluationReport withNear(EvaluationReport report, double nearAuroc, double nearFpr) {
    ReportBuilder builder = new ReportBuilder()
        .seed(report.seed().getAsLong())
        .testAccuracy(report.testAccuracy())
        .saturationShare(report.saturationShare())
        .goodnessOfFit(report.goodnessOfFit().get("gmmPerClass"), report.goodnessOfFit().get("gmmPooled"))
        .pearson(report.pearson().get("mi_tv"), report.pearson().get("mi_bias"), report.pearson().get("tv_bias"))
        .auroc(i -> report.auroc().get(ReportBuilder.key(i)))
        .oodAuroc(i -> report.oodAuroc(OodType.FAR).get(ReportBuilder.key(i)))
        .oodFpr95(i -> report.oodFpr95(OodType.FAR).get(ReportBuilder.key(i)))
        .nearOod(i -> nearAuroc + 0.02 * i, i -> nearFpr);
    return builder.build();
  }

  @Test
  void calibrationSectionListsRawSoftmaxAndEveryCalibratedScore() {
    String text = printTwoRuns();
    // ECE 0.02 + 0.01i and 0.04 + 0.01i; raw softmax 0.10 and 0.20 (sd 0.1/√2 = 0.071).
    assertThat(text).contains("Expected calibration error (15 bins) of calibrated P(correct); raw softmax: 0.150 ± 0.071");
    List<String[]> rows = rowsAfter(text, "Expected calibration error");
    assertThat(rows).hasSize(io.penultimate.bundle.ScoreName.values().length);
    assertThat(rows).contains(cells("softmax", "0.030 ± 0.014"), cells("trinomial", "0.050 ± 0.014"), cells("primary", "0.190 ± 0.014"));
  }

  @Test
  void aSingleRunPrintsPlainValuesWithoutSd() {
    String text = print(List.of(first()));
    assertThat(text).contains("1 seed(s)").doesNotContain("±");
    assertThat(rowsAfter(text, "Table 2.")).contains(cells("rho(MI, TV)", "0.949", "0.900"));
  }

  private static EvaluationReport first() {
    return new ReportBuilder()
        .seed(1)
        .testAccuracy(0.96)
        .saturationShare(0.90)
        .goodnessOfFit(0.80, 0.70)
        .positivePartGoodnessOfFit(0.50, 0.60)
        .pearson(0.90, 0.40, 0.30)
        .miBiasMinimumNorm(-0.10)
        .auroc(i -> 0.80 + 0.01 * i)
        .vsSoftmax(i -> 0.01 * i)
        .oodAuroc(i -> 0.70 + 0.01 * i)
        .oodFpr95(i -> 0.30 + 0.02 * i)
        .ece(i -> 0.02 + 0.01 * i, 0.10)
        .build();
  }

  private static EvaluationReport second() {
    return new ReportBuilder()
        .seed(2)
        .testAccuracy(0.98)
        .saturationShare(0.94)
        .goodnessOfFit(0.80, 0.72)
        .positivePartGoodnessOfFit(0.70, 0.60)
        .pearson(0.96, 0.50, 0.30)
        .miBiasMinimumNorm(0.10)
        .auroc(i -> 0.84 + 0.01 * i)
        .vsSoftmax(i -> 0.03 * i)
        .oodAuroc(i -> 0.70 + 0.01 * i)
        .oodFpr95(i -> 0.40 + 0.02 * i)
        .ece(i -> 0.04 + 0.01 * i, 0.20)
        .build();
  }

  private static String printTwoRuns() {
    return print(List.of(first(), second()));
  }

  private static String print(List<EvaluationReport> runs) {
    StringWriter text = new StringWriter();
    PaperTables.print(runs, new PrintWriter(text));
    return text.toString();
  }

  private static List<EvaluationReport> runs(double... accuracies) {
    return Arrays.stream(accuracies).mapToObj(a -> new ReportBuilder().testAccuracy(a).build()).toList();
  }

  private static String[] cells(String... cells) {
    return cells;
  }

  /** The table rows after the line starting with {@code heading}, up to the next blank line; columns are separated by 2+ spaces. */
  private static List<String[]> rowsAfter(String text, String heading) {
    List<String> lines = text.lines().toList();
    int start = 0;
    while (!lines.get(start).startsWith(heading)) {
      start++;
    }
    return lines.subList(start + 1, lines.size()).stream()
        .takeWhile(line -> !line.isBlank())
        .filter(line -> !line.startsWith("  *"))
        .map(line -> line.trim().split("\\s{2,}"))
        .toList();
  }
}
