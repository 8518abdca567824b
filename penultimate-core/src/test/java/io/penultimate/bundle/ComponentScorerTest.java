package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.model.LabeledOutputs;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComponentScorerTest {
  private static EncoderBundle bundle;

  @BeforeAll
  static void fitOnce() {
    bundle = SyntheticOutputs.fit();
  }

  private static ComponentScorer fromParts(Map<ScoreName, ? extends HiddenEncoder> encoders) {
    return new ComponentScorer(bundle.width(), bundle.numClasses(), encoders, ComponentScorer.Baselines.of(bundle), PlainDotProducts.INSTANCE);
  }

  @Test
  void givesEveryScoreButThePrimaryAsTheBundleDoesFromTheFittedPartsAlone() {
    ComponentScorer parts =
        fromParts(Map.of(ScoreName.BINOMIAL, bundle.binomial(), ScoreName.TRINOMIAL, bundle.trinomial(), ScoreName.BETA, bundle.beta(),
            ScoreName.BETA_GENERAL, bundle.betaGeneral(), ScoreName.GMM, bundle.gmm()));
    LabeledOutputs sample = SyntheticOutputs.generate(300, 5);

    Map<ScoreName, double[]> fromParts = parts.scoreAll(sample.outputs());
    Map<ScoreName, double[]> fromBundle = new ConfidenceScorer(bundle).scoreAll(sample.outputs());

    assertThat(fromParts).doesNotContainKey(ScoreName.PRIMARY);
    for (ScoreName score : ScoreName.values()) {
      if (score != ScoreName.PRIMARY) {
        assertThat(fromParts.get(score)).as(score.key()).containsExactly(fromBundle.get(score));
      }
    }
  }

  @Test
  void refusesToScoreWithoutAnEncoderForEveryLikelihood() {
    assertThatThrownBy(() -> fromParts(Map.of(ScoreName.BINOMIAL, bundle.binomial())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no encoder for trinomial")
        .hasMessageContaining("[binomial]");
  }
}
