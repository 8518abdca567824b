package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.evaluation.Auroc;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.score.SoftmaxScores;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswersFitterTest {
  private static final EncoderBundle BUNDLE = SyntheticOutputs.fit();
  private static final ConfidenceScorer SCORER = new ConfidenceScorer(BUNDLE);

  private static Answers fitOn(LabeledOutputs validation, double alpha, double share) {
    return AnswersFitter.fit(SCORER.scoreAll(validation.outputs()), logOdds(validation), validation.correct(), alpha, share);
  }

  private static double[] logOdds(LabeledOutputs outputs) {
    return Arrays.stream(outputs.outputs().logits()).mapToDouble(SoftmaxScores::maxLogOdds).toArray();
  }

  @Test
  void flagsAboutAlphaOfFreshInDistributionInputs() {
    Answers answers = fitOn(SyntheticOutputs.generate(2000, 2), 0.05, 0.1);
    LabeledOutputs test = SyntheticOutputs.generate(4000, 3);
    double[] logOdds = logOdds(test);
    int alarms = 0;
    for (int i = 0; i < test.size(); i++) {
      double[] scores = SCORER.scores(test.outputs().hidden()[i], test.outputs().logits()[i]);
      alarms += answers.answer(logOdds[i], scores).ood() ? 1 : 0;
    }
    // calibration half of 1000: the flag's rate is at most 0.05 in expectation, and 4000 draws
    // put a standard error of about 0.0035 around it
    assertThat((double) alarms / test.size()).isBetween(0.03, 0.065);
  }

  @Test
  void theConfidenceRanksWrongPredictionsBelowRightOnesAtLeastAsWellAsSoftmaxOnFreshData() {
    Answers answers = fitOn(SyntheticOutputs.generate(2000, 2), 0.05, 0.1);
    LabeledOutputs test = SyntheticOutputs.generate(4000, 3);
    double[] logOdds = logOdds(test);
    Map<ScoreName, double[]> scores = SCORER.scoreAll(test.outputs());
    double[] confidence = new double[test.size()];
    for (int i = 0; i < confidence.length; i++) {
      confidence[i] = answers.answer(logOdds[i], SCORER.scores(test.outputs().hidden()[i], test.outputs().logits()[i])).confidence();
    }
    assertThat(Auroc.of(confidence, test.correct())).isGreaterThanOrEqualTo(Auroc.of(scores.get(ScoreName.SOFTMAX), test.correct()) - 0.01);
  }

  @Test
  void recordsEveryCandidateItTriedAndWhichItKept() {
    Answers answers = fitOn(SyntheticOutputs.generate(2000, 2), 0.05, 0.1);
    Answers.ConfidenceChoice choice = answers.confidenceChoice();
    assertThat(choice.candidates()).isEqualTo(AnswersFitter.CONFIDENCE_CANDIDATES);
    assertThat(choice.candidates().get(choice.chosen())).isEqualTo(answers.confidence().features());
    double best = Arrays.stream(choice.heldOutAuroc()).max().orElseThrow();
    assertThat(choice.heldOutAuroc()[choice.chosen()]).isEqualTo(best);
  }

  @Test
  void anInputFarFromTheTrainingDataGetsATinyPValueAndLowTrust() {
    Answers answers = fitOn(SyntheticOutputs.generate(2000, 2), 0.05, 0.5);
    double[] hidden = new double[SyntheticOutputs.WIDTH];
    // every node on: no class switches on all of its nodes' opposites at once
    Arrays.fill(hidden, 1.0);
    double[] logits = {1, 0, 0};
    Answers.Answer answer = answers.answer(SoftmaxScores.maxLogOdds(logits), SCORER.scores(hidden, logits));
    assertThat(answer.ood()).isTrue();
    assertThat(answer.oodPValue()).isLessThan(1e-3);
    assertThat(answer.trust()).isLessThan(answer.confidence() / 2);
  }

  @Test
  void aScoreThatFallsWithCorrectnessGetsNoWeightInsteadOfANegativeOne() {
    LabeledOutputs validation = SyntheticOutputs.generate(2000, 2);
    Map<ScoreName, double[]> scores = SCORER.scoreAll(validation.outputs());
    // the Mahalanobis column negated: more typical vectors now score lower
    scores.put(ScoreName.MAHALANOBIS, Arrays.stream(scores.get(ScoreName.MAHALANOBIS)).map(v -> -v).toArray());
    Answers answers = AnswersFitter.fit(scores, logOdds(validation), validation.correct(), 0.05, 0.1);
    CalibratedConfidence confidence = answers.confidence();
    for (int j = 0; j < confidence.features().size(); j++) {
      assertThat(confidence.model().weights()[j]).as(confidence.features().get(j).key()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void withCorrectnessUnrelatedToEveryScoreTheConfidenceIsTheAccuracy() {
    LabeledOutputs validation = SyntheticOutputs.generate(400, 2);
    boolean[] shuffled = new boolean[validation.size()];
    for (int i = 0; i < shuffled.length; i++) {
      shuffled[i] = i % 4 != 0;
    }
    Answers answers = AnswersFitter.fit(SCORER.scoreAll(validation.outputs()), logOdds(validation), shuffled, 0.05, 0.1);
    assertThat(answers.confidence().confidence(0, new double[ScoreName.values().length])).isBetween(0.6, 0.9);
  }

  @Test
  void halvesTheValidationSplitWithHalfOfTheWrongPredictionsInEach() {
    boolean[] correct = new boolean[41];
    Arrays.fill(correct, true);
    correct[3] = false;
    correct[17] = false;
    correct[40] = false;
    int[][] halves = AnswersFitter.halves(correct);
    assertThat(halves[0].length + halves[1].length).isEqualTo(41);
    // three wrong ones dealt alternately: two to the first half, one to the second
    assertThat(Arrays.stream(halves[0]).filter(i -> !correct[i]).count()).isEqualTo(2);
    assertThat(Arrays.stream(halves[1]).filter(i -> !correct[i]).count()).isEqualTo(1);
    assertThat(java.util.stream.IntStream.concat(Arrays.stream(halves[0]), Arrays.stream(halves[1])).sorted().toArray())
        .isEqualTo(java.util.stream.IntStream.range(0, 41).toArray());
  }

  @Test
  void refusesAValidationSplitTooSmallForTheLevel() {
    LabeledOutputs tiny = SyntheticOutputs.generate(30, 2);
    assertThatThrownBy(() -> fitOn(tiny, 0.05, 0.1))
        .hasMessageContaining("30 samples")
        .hasMessageContaining("at least 19 in its calibration half");
  }
}
