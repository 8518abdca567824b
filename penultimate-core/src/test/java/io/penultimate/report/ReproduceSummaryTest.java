package io.penultimate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.ScoreName;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReproduceSummaryTest {
  private static final NodeAnalysis.Row FIRST_NODE_0 = new NodeAnalysis.Row(0, 0.69, 0.69, 0.6, 0.68, 0.2, 0.15, 0.1);
  private static final NodeAnalysis.Row FIRST_NODE_1 = new NodeAnalysis.Row(1, 0.01, 0.01, 0.02, 0.03, 0.001, 0.1, -0.2);
  private static final NodeAnalysis.Row OTHER_NODE = new NodeAnalysis.Row(0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);

  // Three seeds, deliberately not in ascending order.
  private static final List<EvaluationReport> THREE_RUNS = List.of(
      new ReportBuilder().seed(7).testAccuracy(0.90).saturationShare(0.5).pearson(0.8, 0.4, 0.1)
          .auroc(i -> 0.7).oodAuroc(i -> 0.60 + 0.01 * i).oodFpr95(i -> 0.2).ece(i -> 0.01 * i, 0.1)
          .nodes(List.of(FIRST_NODE_0, FIRST_NODE_1)).build(),
      new ReportBuilder().seed(3).testAccuracy(0.93).saturationShare(0.6).pearson(0.9, 0.5, 0.1)
          .auroc(i -> 0.7).oodAuroc(i -> 0.70 + 0.01 * i).oodFpr95(i -> 0.3).ece(i -> 0.01 * i, 0.2)
          .nodes(List.of(OTHER_NODE)).build(),
      new ReportBuilder().seed(5).testAccuracy(0.99).saturationShare(0.7).pearson(1.0, 0.9, 0.1)
          .auroc(i -> 0.7).oodAuroc(i -> 0.80 + 0.01 * i).oodFpr95(i -> 0.7).ece(i -> 0.01 * i, 0.6)
          .nodes(List.of(OTHER_NODE)).build());

  @Test
  void headlineNumbersAreMeansOverRuns() {
    ReproduceSummary summary = ReproduceSummary.of(THREE_RUNS);
    assertThat(summary.testAccuracy()).isCloseTo(0.94, within(1e-12));
    assertThat(summary.saturationShare()).isCloseTo(0.6, within(1e-12));
    assertThat(summary.pearson().get("mi_tv")).isCloseTo(0.9, within(1e-12));
    assertThat(summary.pearson().get("mi_bias")).isCloseTo(0.6, within(1e-12));
    assertThat(summary.pearson().get("tv_bias")).isCloseTo(0.1, within(1e-12));
    assertThat(summary.auroc().get("trinomial")).isCloseTo(0.7, within(1e-12));
    // OOD AUROC of ordinal i: 0.6, 0.7, 0.8 plus 0.01i, mean 0.7 + 0.01i; trinomial is ordinal 2.
    assertThat(summary.oodAuroc().get("far").get("softmax")).isCloseTo(0.70, within(1e-12));
    assertThat(summary.oodAuroc().get("far").get("trinomial")).isCloseTo(0.72, within(1e-12));
    assertThat(summary.oodFpr95().get("far").get("beta")).isCloseTo(0.4, within(1e-12));
    assertThat(summary.ece().get("softmaxUncalibrated")).isCloseTo(0.3, within(1e-12));
    // ECE 0.01i in every run; primary is ordinal 16
    assertThat(summary.ece().get("primary")).isCloseTo(0.16, within(1e-12));
  }

  @Test
  void sdHoldsTheSampleStandardDeviationOfEveryHeadlineNumber() {
    Map<String, Object> sd = ReproduceSummary.of(THREE_RUNS).sd();
    // accuracy 0.90, 0.93, 0.99: deviations −0.04, −0.01, 0.05; squares sum to 0.0042; / 2 = 0.0021;
    // sqrt = 0.0458258 (population sd would be 0.0374166).
    assertThat((Double) sd.get("testAccuracy")).isCloseTo(0.0458258, within(1e-7));
    // 0.5, 0.6, 0.7: squares 0.01 + 0 + 0.01 = 0.02; / 2 = 0.01; sd 0.1.
    assertThat((Double) sd.get("saturationShare")).isCloseTo(0.1, within(1e-12));
    Map<String, Double> pearson = nested(sd, "pearson");
    assertThat(pearson.get("mi_tv")).isCloseTo(0.1, within(1e-12));
    // 0.4, 0.5, 0.9: mean 0.6; squares 0.04 + 0.01 + 0.09 = 0.14; / 2 = 0.07; sqrt 0.2645751.
    assertThat(pearson.get("mi_bias")).isCloseTo(0.2645751, within(1e-7));
    assertThat(pearson.get("tv_bias")).isCloseTo(0, within(1e-12));
    assertThat(nested(sd, "auroc").get("gmm")).isCloseTo(0, within(1e-12));
    assertThat(byType(sd, "oodAuroc", "far").get("energy")).isCloseTo(0.1, within(1e-12));
    // 0.2, 0.3, 0.7: mean 0.4; squares 0.04 + 0.01 + 0.09 = 0.14; sd 0.2645751.
    assertThat(byType(sd, "oodFpr95", "far").get("softmax")).isCloseTo(0.2645751, within(1e-7));
    // 0.1, 0.2, 0.6: mean 0.3; squares 0.04 + 0.01 + 0.09 = 0.14; sd 0.2645751.
    assertThat(nested(sd, "ece").get("softmaxUncalibrated")).isCloseTo(0.2645751, within(1e-7));
    assertThat(nested(sd, "ece")).containsKeys(ScoreName.keys());
  }

  @Test
  void sdOfTwoRunsIsTheirDistanceOverRootTwo() {
    ReproduceSummary summary = ReproduceSummary.of(List.of(
        new ReportBuilder().testAccuracy(0.96).auroc(i -> 0.80).build(),
        new ReportBuilder().testAccuracy(0.98).auroc(i -> 0.86).build()));
    assertThat(summary.testAccuracy()).isCloseTo(0.97, within(1e-12));
    assertThat((Double) summary.sd().get("testAccuracy")).isCloseTo(0.02 / Math.sqrt(2), within(1e-12));
    assertThat(summary.auroc().get("softmax")).isCloseTo(0.83, within(1e-12));
    assertThat(nested(summary.sd(), "auroc").get("softmax")).isCloseTo(0.06 / Math.sqrt(2), within(1e-12));
  }

  @Test
  void aSingleRunHasZeroSd() {
    ReproduceSummary summary = ReproduceSummary.of(THREE_RUNS.subList(0, 1));
    assertThat(summary.testAccuracy()).isEqualTo(0.90);
    assertThat((Double) summary.sd().get("testAccuracy")).isZero();
    assertThat(nested(summary.sd(), "pearson")).containsEntry("mi_tv", 0.0);
  }

  @Test
  void nodesComeFromTheFirstRunAndSeedsKeepRunOrder() {
    ReproduceSummary summary = ReproduceSummary.of(THREE_RUNS);
    assertThat(summary.nodes()).containsExactly(FIRST_NODE_0, FIRST_NODE_1);
    assertThat(summary.seeds()).containsExactly(OptionalLong.of(7), OptionalLong.of(3), OptionalLong.of(5));
    assertThat(summary.runs()).isEqualTo(THREE_RUNS);
    assertThat(summary.dataset()).isEqualTo("mnist");
    assertThat(summary.oodDataset()).containsExactly(entry("far", "fashion"));
    assertThat(summary.arch()).isEqualTo("mlp");
  }

  @Test
  void jsonHasTheHeadlineKeysPerScoreMapsAndNodeRows() throws Exception {
    ReproduceSummary summary = ReproduceSummary.of(THREE_RUNS);
    JsonNode json = BundleJson.MAPPER.readTree(BundleJson.MAPPER.writeValueAsString(summary));

    assertThat(json.get("testAccuracy").asDouble()).isCloseTo(0.94, within(1e-12));
    assertThat(json.get("saturationShare").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(json.at("/pearson/mi_tv").asDouble()).isCloseTo(0.9, within(1e-12));
    assertThat(json.at("/pearson/mi_bias").asDouble()).isCloseTo(0.6, within(1e-12));
    assertThat(json.at("/pearson/tv_bias").asDouble()).isCloseTo(0.1, within(1e-12));
    for (String key : ScoreName.keys()) {
      assertThat(json.at("/auroc/" + key).isNumber()).as("auroc.%s", key).isTrue();
      assertThat(json.at("/oodAuroc/far/" + key).asDouble()).as("oodAuroc.far.%s", key).isEqualTo(summary.oodAuroc().get("far").get(key));
      assertThat(json.at("/ece/" + key).asDouble()).as("ece.%s", key).isEqualTo(summary.ece().get(key));
    }
    assertThat(json.get("oodAuroc").has("near")).as("no near OOD set without held-out classes").isFalse();
    assertThat(json.at("/sd/testAccuracy").asDouble()).isCloseTo(0.0458258, within(1e-7));
    assertThat(json.get("seeds")).extracting(JsonNode::asLong).containsExactly(7L, 3L, 5L);

    JsonNode nodes = json.get("nodes");
    assertThat(nodes.isArray()).isTrue();
    assertThat(nodes).hasSize(2);
    assertThat(nodes.get(1).get("node").asInt()).isEqualTo(1);
    assertThat(nodes.get(1).get("mi").asDouble()).isEqualTo(0.01);
    assertThat(nodes.get(1).get("tv").asDouble()).isEqualTo(0.001);
    assertThat(nodes.get(1).get("bias").asDouble()).isEqualTo(0.1);
    assertThat(json.get("runs")).hasSize(3);
  }

  @Test
  void nearOodNumbersAreMeansAndSdsOverRunsBesideTheFarOnes() throws Exception {
    // near OOD AUROC of ordinal i: 0.50, 0.60 plus 0.02i (mean 0.55 + 0.02i, sd 0.1/√2); FPR 0.6, 0.8.
    ReproduceSummary summary = ReproduceSummary.of(List.of(
        new ReportBuilder().oodAuroc(i -> 0.9).nearOod(i -> 0.50 + 0.02 * i, i -> 0.6).build(),
        new ReportBuilder().oodAuroc(i -> 0.8).nearOod(i -> 0.60 + 0.02 * i, i -> 0.8).build()));

    assertThat(summary.oodDataset()).containsExactly(entry("far", "fashion"), entry("near", "mnist, held-out classes 6,7,8,9"));
    assertThat(summary.oodAuroc().keySet()).containsExactly("far", "near");
    assertThat(summary.oodAuroc().get("far").get("beta")).isCloseTo(0.85, within(1e-12));
    assertThat(summary.oodAuroc().get("near").get("beta")).isCloseTo(0.61, within(1e-12));
    assertThat(summary.oodFpr95().get("near").get("softmax")).isCloseTo(0.7, within(1e-12));
    assertThat(summary.primaryAlphaOodAuroc().get("near")).containsEntry("1", 0.75);
    assertThat(byType(summary.sd(), "oodAuroc", "near").get("gmm")).isCloseTo(0.1 / Math.sqrt(2), within(1e-12));
    assertThat(byType(summary.sd(), "oodFpr95", "near").get("gmm")).isCloseTo(0.2 / Math.sqrt(2), within(1e-12));
    assertThat(byType(summary.sd(), "primaryAlphaOodAuroc", "near").get("0")).isZero();

    JsonNode json = BundleJson.MAPPER.readTree(BundleJson.MAPPER.writeValueAsString(summary));
    assertThat(json.at("/oodAuroc/near/beta").asDouble()).isCloseTo(0.61, within(1e-12));
    assertThat(json.at("/sd/oodAuroc/near/gmm").asDouble()).isCloseTo(0.1 / Math.sqrt(2), within(1e-12));
    assertThat(json.at("/runs/0/oodDetectionRate/near/softmax").asDouble()).isEqualTo(0.4);
  }

  @Test
  void refusesRunsThatFacedDifferentOodSets() {
    List<EvaluationReport> runs = List.of(new ReportBuilder().build(), new ReportBuilder().nearOod(i -> 0.5, i -> 0.5).build());

    assertThatThrownBy(() -> ReproduceSummary.of(runs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("every run must face the same OOD sets, found [far] and [far, near]");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> byType(Map<String, Object> sd, String key, String type) {
    return ((Map<String, Map<String, Double>>) sd.get(key)).get(type);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Double> nested(Map<String, Object> sd, String key) {
    return (Map<String, Double>) sd.get(key);
  }
}
