package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.model.LabeledOutputs;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScoreSelectionTest {
  private static EncoderBundle bundle;

  @BeforeAll
  static void fitOnce() {
    bundle = SyntheticOutputs.fit();
  }

  @Test
  void parsesAllOrKeysIntoScoreOrderOnceEach() {
    assertThat(ScoreSelection.parse("all")).isEqualTo(ScoreSelection.ALL);
    assertThat(ScoreSelection.parse(" vim, softmax,gmm,vim").served()).containsExactly(ScoreName.SOFTMAX, ScoreName.GMM, ScoreName.VIM);
    assertThat(ScoreSelection.parse("vim,softmax")).hasToString("softmax,vim");
    assertThat(ScoreSelection.ALL).hasToString("all");
  }

  @Test
  void refusesUnknownKeysNamingTheKnownOnesAndAnEmptySelection() {
    assertThatThrownBy(() -> ScoreSelection.parse("softmax,gauss"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown score 'gauss'")
        .hasMessageContaining("gaussian");
    assertThatThrownBy(() -> new ScoreSelection(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void computesTheServedScoresAndEveryScoreTheAnswersRead() {
    boolean[] computed = new ScoreSelection(List.of(ScoreName.KNN)).computed(bundle);

    Set<ScoreName> expected = EnumSet.of(ScoreName.KNN, ScoreName.SOFTMAX);
    expected.addAll(bundle.answers().confidence().features());
    expected.addAll(bundle.answers().oodPValue().detectors());
    for (ScoreName score : ScoreName.values()) {
      assertThat(computed[score.ordinal()]).as(score.key()).isEqualTo(expected.contains(score));
    }
  }

  @Test
  void thePrimaryBringsTheDensitiesItReads() {
    boolean[] computed = new ScoreSelection(List.of(ScoreName.PRIMARY)).computed(bundle);

    assertThat(computed[PrimaryScore.BULK_DENSITY.ordinal()]).isTrue();
    bundle.primary().gate().forEach(tail -> assertThat(computed[tail.density().ordinal()]).isTrue());
  }

  @Test
  void aScorerOfFewerScoresGivesTheSameServedScoresAndAnswersAsOneOfAll() {
    ScoreSelection few = ScoreSelection.parse("softmax,gmm,primary");
    ConfidenceScorer all = new ConfidenceScorer(bundle);
    ConfidenceScorer some = new ConfidenceScorer(bundle, few);
    LabeledOutputs sample = SyntheticOutputs.generate(200, 8);

    Map<ScoreName, double[]> columns = some.scoreAll(sample.outputs());
    assertThat(columns).containsOnlyKeys(few.served());
    for (int i = 0; i < sample.size(); i++) {
      double[] hidden = sample.outputs().hidden()[i];
      double[] logits = sample.outputs().logits()[i];
      double[] expected = all.scores(hidden, logits);
      double[] actual = some.scores(hidden, logits);
      for (ScoreName score : few.served()) {
        assertThat(actual[score.ordinal()]).as(score.key()).isEqualTo(expected[score.ordinal()]);
        assertThat(columns.get(score)[i]).isEqualTo(expected[score.ordinal()]);
      }
      assertThat(some.answer(logits, actual)).isEqualTo(all.answer(logits, expected));
    }
  }
}
