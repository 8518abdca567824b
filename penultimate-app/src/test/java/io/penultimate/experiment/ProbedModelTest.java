package io.penultimate.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.ScoreName;
import io.penultimate.data.DataSplit;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.report.Evaluator;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit and evaluate on a layer other than the default one, of a network whose two hidden layers are equally wide. */
class ProbedModelTest {
  @TempDir static Path dir;
  private static DataSplit data;
  private static ModelFile.Loaded model;
  private static EncoderBundle firstLayer;

  @BeforeAll
  static void fitOnTheFirstHiddenLayer() throws Exception {
    data = SmallModel.split();
    model = SmallModel.write(data, dir.resolve("model.zip"));
    firstLayer = new ProbedModel(model, "0").fit(data, "synthetic");
  }

  @Test
  void recordsTheLayerItFittedOnAndTheDefaultOneByItsIndex() {
    assertThat(firstLayer.provenance().hiddenLayer()).isEqualTo("0");
    assertThat(new ProbedModel(model, null).fit(data, "synthetic").provenance().hiddenLayer()).isEqualTo("1");
  }

  @Test
  void evaluatesABundleOnTheLayerItWasFittedOn() {
    Evaluator.Evaluation evaluation =
        ProbedModel.forBundle(model, firstLayer)
            .evaluate(firstLayer, data, SmallModel.ood(), new Evaluator.Labels("synthetic", "noise", "equal-width", OptionalLong.of(5)));

    Map<ScoreName, double[]> onLayerZero =
        new ConfidenceScorer(firstLayer).scoreAll(HiddenProbe.of(model.network(), "0").probe(data.test().features()));
    for (ScoreName score : ScoreName.values()) {
      assertThat(evaluation.testScores().get(score)).as(score.key()).containsExactly(onLayerZero.get(score));
    }
  }

  @Test
  void reportsTheHiddenBiasOnlyOfTheLayerTheOutputLayerReads() {
    Evaluator.Labels labels = new Evaluator.Labels("synthetic", "noise", "equal-width", OptionalLong.of(5));
    EncoderBundle lastLayer = new ProbedModel(model, null).fit(data, "synthetic");

    Evaluator.Evaluation onLast = ProbedModel.forBundle(model, lastLayer).evaluate(lastLayer, data, SmallModel.ood(), labels);
    Evaluator.Evaluation onFirst = ProbedModel.forBundle(model, firstLayer).evaluate(firstLayer, data, SmallModel.ood(), labels);

    assertThat(onLast.report().nodes()).allSatisfy(row -> assertThat(row.bias()).isFinite());
    assertThat(onFirst.report().nodes()).hasSize(SmallModel.WIDTH).allSatisfy(row -> assertThat(row.bias()).isNaN());
    assertThat(onFirst.report().pearson().get("mi_bias")).isNaN();
  }

  @Test
  void refusesABundleFittedOnAnotherModelBeforeReadingAnyData() {
    ModelFile.Loaded another = new ModelFile.Loaded(model.network(), model.metadata(), "f".repeat(64));

    assertThatThrownBy(() -> ProbedModel.forBundle(another, firstLayer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("this model is ffffffffffff")
        .hasMessageContaining("refit with 'penultimate fit'");
  }
}
