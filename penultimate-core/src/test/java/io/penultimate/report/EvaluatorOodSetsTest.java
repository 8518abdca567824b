package io.penultimate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An evaluation against a far and a near OOD set measures each on its own and reports both, keyed
 * "far" and "near"; against the far set alone, the report holds "far" only.
 */
class EvaluatorOodSetsTest {
  private static final int N = 400;
  private static final Map<OodType, String> NAMES = Map.of(OodType.NEAR, "held-out classes", OodType.FAR, "another data set");

  private static EncoderBundle bundle;
  private static LabeledOutputs test;
  private static NodeAnalysis nodes;
  /** Hidden rows far from both classes: node 0 at 30, node 1 at −20. */
  private static ModelOutputs far;
  /** Hidden rows between the classes: node 0 around 0, where neither class lives but both are near. */
  private static ModelOutputs near;

  @BeforeAll
  static void fitOnTwoGaussianClasses() {
    Random random = new Random(7);
    LabeledOutputs train = TwoClassOutputs.generate(N, 0, i -> codes(i % 2 == 1 ? 3 : -3, 0, random));
    LabeledOutputs validation = TwoClassOutputs.generate(N, 5, i -> codes(i % 2 == 1 ? 3 : -3, 0, random));
    test = TwoClassOutputs.generate(N, 5, i -> codes(i % 2 == 1 ? 3 : -3, 0, random));
    Provenance provenance = new Provenance("0".repeat(64), "synthetic", "test", OptionalLong.of(1), "1", "2026-01-01T00:00:00Z", "dev", "none", "17");
    bundle = BundleFitter.fit(train, validation, List.of("zero", "one"), provenance);
    nodes = NodeAnalysis.withoutBias(train.correctOnly(), bundle);
    far = TwoClassOutputs.generate(200, 0, i -> codes(30, -20, random)).outputs();
    near = TwoClassOutputs.generate(200, 0, i -> codes(0, 0, random)).outputs();
  }

  private static double[] codes(double node0, double node1, Random random) {
    return new double[] {node0 + 0.7 * random.nextGaussian(), node1 + 0.7 * random.nextGaussian()};
  }

  private static Evaluator.Evaluation farAndNear() {
    return Evaluator.evaluate(bundle, test, Map.of(OodType.NEAR, near, OodType.FAR, far), nodes,
        new Evaluator.Labels("synthetic", NAMES, "test", OptionalLong.of(1)));
  }

  @Test
  void measuresEachOodSetAgainstTheSameTestSetAndKeysItByType() {
    Evaluator.Evaluation evaluation = farAndNear();
    EvaluationReport report = evaluation.report();

    for (OodType type : OodType.values()) {
      for (ScoreName score : ScoreName.values()) {
        OodMetrics.Pooled pooled = OodMetrics.pool(evaluation.testScores().get(score), evaluation.oodScores().get(type).get(score));
        assertThat(report.oodAuroc(type).get(score.key())).as("%s %s", type, score)
            .isEqualTo(Auroc.of(pooled.scores(), pooled.inDistribution()));
      }
    }
    // far rows are nowhere near the training classes; near rows sit between them, closer to both
    assertThat(report.oodAuroc(OodType.FAR).get("gaussian")).isGreaterThan(0.99);
    assertThat(report.oodAuroc(OodType.NEAR).get("gaussian")).isLessThan(report.oodAuroc(OodType.FAR).get("gaussian"));
    assertThat(report.oodFpr95(OodType.NEAR).get("gaussian")).isGreaterThan(report.oodFpr95(OodType.FAR).get("gaussian"));
  }

  @Test
  void writesJsonWithEveryOodFieldKeyedFarThenNear() throws Exception {
    JsonNode json = BundleJson.MAPPER.readTree(BundleJson.MAPPER.writeValueAsString(farAndNear().report()));

    assertThat(json.get("oodDataset").fieldNames()).toIterable().containsExactly("far", "near");
    assertThat(json.at("/oodDataset/near").asText()).isEqualTo("held-out classes");
    for (String field : List.of("oodAuroc", "oodFpr95", "oodDetectionRate")) {
      assertThat(json.get(field).fieldNames()).toIterable().as(field).containsExactly("far", "near");
      for (String type : List.of("far", "near")) {
        List<String> keys = new java.util.ArrayList<>(List.of(ScoreName.keys()));
        keys.addAll(field.equals("oodDetectionRate")
            ? List.of(AnswerColumns.OOD_P_VALUE)
            : List.of(AnswerColumns.CONFIDENCE, AnswerColumns.OOD_P_VALUE, AnswerColumns.TRUST));
        assertThat(json.get(field).get(type).fieldNames()).toIterable().as("%s.%s", field, type).containsExactlyElementsOf(keys);
        json.get(field).get(type).forEach(value -> assertThat(value.asDouble()).isBetween(0.0, 1.0));
      }
    }
    for (String field : List.of("augrc", "aurc", "jointFpr95")) {
      assertThat(json.get(field).fieldNames()).toIterable().as(field).containsExactly("far", "near");
      assertThat(json.get(field).get("near").fieldNames()).toIterable().as(field).contains("0", "0.01", "0.1", "0.5");
      json.get(field).get("far").forEach(byShare -> byShare.forEach(value -> assertThat(value.asDouble()).isBetween(0.0, 1.0)));
    }
    assertThat(json.get("primaryAlphaOodAuroc").fieldNames()).toIterable().containsExactly("far", "near");
    assertThat(json.at("/primaryAlphaOodAuroc/near").size()).isEqualTo(Evaluator.FRONTIER_ALPHAS.length);
    assertThat(json.get("primaryAlphaAuroc").get("0").isNumber()).as("misclassification is not keyed by OOD type").isTrue();
    assertThat(json.has("faced")).isFalse();
  }

  @Test
  void reportsTheFarSetAloneWhenThereIsNoNearOne() {
    Evaluator.Evaluation evaluation =
        Evaluator.evaluate(bundle, test, far, nodes, new Evaluator.Labels("synthetic", "another data set", "test", OptionalLong.of(1)));

    assertThat(evaluation.report().oodDataset()).containsOnlyKeys("far");
    assertThat(evaluation.report().oodAuroc()).containsOnlyKeys("far");
    assertThat(evaluation.report().primaryAlphaOodAuroc()).containsOnlyKeys("far");
    assertThat(evaluation.report().faced(OodType.NEAR)).isFalse();
    assertThat(evaluation.oodScores()).containsOnlyKeys(OodType.FAR);
    assertThat(evaluation.report().oodAuroc(OodType.FAR)).isEqualTo(farAndNear().report().oodAuroc(OodType.FAR));
  }

  @Test
  void measuresMisclassificationOnlyGivenNoOodSetAndLeavesEveryOodMapEmpty() {
    Evaluator.Evaluation evaluation =
        Evaluator.evaluate(bundle, test, Map.of(), nodes, new Evaluator.Labels("synthetic", Map.of(), "test", OptionalLong.of(1)));

    EvaluationReport report = evaluation.report();
    assertThat(report.oodDataset()).isEmpty();
    assertThat(report.oodAuroc()).isEmpty();
    assertThat(report.oodFpr95()).isEmpty();
    assertThat(report.oodDetectionRate()).isEmpty();
    assertThat(report.primaryAlphaOodAuroc()).isEmpty();
    assertThat(report.faced(OodType.FAR)).isFalse();
    assertThat(evaluation.oodScores()).isEmpty();
    assertThat(report.auroc()).isEqualTo(farAndNear().report().auroc());
    assertThat(report.primaryAlphaAuroc()).isEqualTo(farAndNear().report().primaryAlphaAuroc());
  }

  @Test
  void refusesLabelsWithoutAFarSetAndOodSetsWithoutNames() {
    assertThatThrownBy(() -> new Evaluator.Labels("synthetic", Map.of(OodType.NEAR, "held-out"), "test", OptionalLong.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an evaluation with OOD sets needs a far one (another data set), found [NEAR]");
    assertThatThrownBy(() -> Evaluator.evaluate(bundle, test, Map.of(OodType.FAR, far, OodType.NEAR, near), nodes,
            new Evaluator.Labels("synthetic", "another data set", "test", OptionalLong.empty())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OOD sets [FAR, NEAR] but names for [FAR]");
  }
}
