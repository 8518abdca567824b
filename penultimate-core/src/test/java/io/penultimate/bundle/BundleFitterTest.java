package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.encoder.GaussianMixtureEncoder;
import io.penultimate.encoder.GaussianMixtureFitter;
import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.encoder.HiddenSamples;
import io.penultimate.encoder.MixtureSettings;
import io.penultimate.evaluation.Auroc;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.score.VimScore;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BundleFitterTest {
  private static EncoderBundle bundle;
  private static LabeledOutputs validation;

  @BeforeAll
  static void fitOnce() {
    bundle = SyntheticOutputs.fit();
    validation = SyntheticOutputs.generate(1500, 2);
  }

  @Test
  void recordsEveryValidationChoiceWithTheCandidatesTried() {
    assertThat(bundle.settings().choices())
        .extracting(SettingChoice::setting)
        .containsExactly("smoothing", "betaEpsilon", "gmmComponents", "primaryAlpha");
    for (SettingChoice choice : bundle.settings().choices()) {
      assertThat(choice.candidates()).contains(choice.chosen());
      assertThat(choice.validationAuroc()).hasSameSizeAs(choice.candidates());
    }
    assertThat(bundle.settings().smoothing()).isEqualTo(bundle.settings().choices().get(0).chosen());
  }

  @Test
  void chosenSmoothingHasTheBestValidationAuroc() {
    SettingChoice smoothing = bundle.settings().choices().get(0);
    double best = Arrays.stream(smoothing.validationAuroc()).max().orElseThrow();
    int index = Arrays.asList(Arrays.stream(smoothing.candidates()).boxed().toArray()).indexOf(smoothing.chosen());
    assertThat(smoothing.validationAuroc()[index]).isEqualTo(best);
  }

  @Test
  void oodThresholdsKeepNinetyFivePercentOfValidationCorrectPredictions() {
    Map<ScoreName, double[]> scores = new ConfidenceScorer(bundle).scoreAll(validation.outputs());
    boolean[] correct = validation.correct();
    for (ScoreName score : ScoreName.values()) {
      double[] kept = BundleFitter.select(scores.get(score), correct);
      long above = Arrays.stream(kept).filter(v -> v >= bundle.oodThresholds().get(score)).count();
      assertThat((double) above / kept.length).as(score.key()).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void primaryScoreMatchesTheBestSingleScoreOnValidationWhenItsGateIsOn() {
    SettingChoice alpha = bundle.settings().choices().get(3);
    Map<ScoreName, double[]> scores = new ConfidenceScorer(bundle).scoreAll(validation.outputs());
    boolean[] correct = validation.correct();
    double bestSingle =
        Arrays.stream(ScoreName.values())
            .filter(s -> s != ScoreName.PRIMARY)
            .mapToDouble(s -> Auroc.of(scores.get(s), correct))
            .max()
            .orElseThrow();
    if (alpha.chosen() > 0) {
      assertThat(Auroc.of(scores.get(ScoreName.PRIMARY), correct)).isGreaterThanOrEqualTo(bestSingle);
    }
    assertThat(bundle.primary().bulk().weights()[0]).as("weight of softmax log-odds").isPositive();
    assertThat(bundle.primary().bulk().weights()[1]).as("weight of the density").isGreaterThanOrEqualTo(0);
  }

  @Test
  void keepsTheUsersPrimaryAlphaAndStillRecordsWhatValidationWouldChoose() {
    EncoderBundle chosenByUser = SyntheticOutputs.fit(java.util.OptionalDouble.of(0.3));
    assertThat(chosenByUser.primary().alpha()).isEqualTo(0.3);
    SettingChoice recorded = chosenByUser.settings().choices().stream().filter(c -> c.setting().equals("primaryAlpha")).findFirst().orElseThrow();
    assertThat(recorded.chosen()).isEqualTo(bundle.primary().alpha());
  }

  @Test
  void fitsViMOnTheHeadItRecoversWhenTheLogitsAreAffineInTheHiddenVector() {
    EncoderBundle affine = BundleFitter.fit(SyntheticOutputs.generateAffine(3000, 1, SyntheticOutputs.WIDTH, SyntheticOutputs.CLASSES),
        SyntheticOutputs.generateAffine(1500, 2, SyntheticOutputs.WIDTH, SyntheticOutputs.CLASSES), java.util.List.of("a", "b", "c"),
        SyntheticOutputs.provenance());

    assertThat(affine.vim().headResidual()).isLessThan(1e-9);
    // width 8, 3 classes: D = max(8/2, 3) = 4
    assertThat(affine.vim().principalDimension()).isEqualTo(4).isEqualTo(affine.settings().vimDimension());
  }

  @Test
  void fitsViMOnTheBestAffineMapWhenTheLogitsAreNotAndRecordsHowFarTheyAre() {
    // SyntheticOutputs' logits are drawn beside the hidden codes, as a layer far from the head reads
    assertThat(bundle.vim().headResidual()).isGreaterThan(0.1);
    assertThat(bundle.vim().alpha()).isPositive();
  }

  @Test
  void storesTheTrainingCorrectPredictionsForKnnUpToTheCapAndRecordsTheSample() {
    LabeledOutputs train = SyntheticOutputs.generate(3000, 1);
    int correct = train.correctOnly().size();

    assertThat(correct).isLessThan(BundleFitter.KNN_CAP);
    assertThat(bundle.knn().size()).isEqualTo(correct);
    assertThat(bundle.knn().k()).isEqualTo(50).isEqualTo(bundle.settings().knnK());
    assertThat(bundle.settings().knnCap()).isEqualTo(5000);
    assertThat(bundle.settings().knnSeed()).isEqualTo(42);
  }

  @Test
  void measuresThePerClassMixtureFitWithThePapersThreeComponentsWhateverNumberValidationChoseOnAllAndOnPositiveValues() {
    LabeledOutputs correct = SyntheticOutputs.generate(3000, 1).correctOnly();
    HiddenSamples samples = new HiddenSamples(correct.outputs().hidden(), correct.labels(), bundle.numClasses());
    GaussianMixtureEncoder three = new GaussianMixtureFitter(MixtureSettings.withComponents(3)).fit(samples);

    assertThat(bundle.goodnessOfFit().get("gmmPerClass")).isEqualTo(GoodnessOfFit.defaults().meanRSquared(samples, three, GoodnessOfFit.Values.ALL).meanRSquared());
    assertThat(bundle.goodnessOfFit().get("gmmPooled"))
        .isEqualTo(GoodnessOfFit.defaults().meanRSquared(samples, bundle.pooledGmm(), GoodnessOfFit.Values.ALL).meanRSquared());
    assertThat(bundle.goodnessOfFit().get("gmmPerClassPositive"))
        .isEqualTo(GoodnessOfFit.defaults().meanRSquared(samples, three, GoodnessOfFit.Values.POSITIVE).meanRSquared());
    assertThat(bundle.goodnessOfFit().get("gmmPooledPositive"))
        .isEqualTo(GoodnessOfFit.defaults().meanRSquared(samples, bundle.pooledGmm(), GoodnessOfFit.Values.POSITIVE).meanRSquared());
  }

  @Test
  void fitsSircsGateOnTheResidualsOfTheTrainingCorrectPredictions() {
    LabeledOutputs correct = SyntheticOutputs.generate(3000, 1).correctOnly();
    VimScore vim = new VimScore(bundle.vim());
    double[] s2 = Arrays.stream(correct.outputs().hidden()).mapToDouble(h -> -vim.residualNorm(h)).toArray();
    double mean = Arrays.stream(s2).average().orElseThrow();
    double sd = Math.sqrt(Arrays.stream(s2).map(v -> (v - mean) * (v - mean)).sum() / s2.length);

    assertThat(bundle.sirc().a()).isCloseTo(mean - 3 * sd, within(1e-9));
    assertThat(bundle.sirc().b()).isCloseTo(1 / sd, within(1e-9 / sd));
  }

  @Test
  void calibratedConfidenceIsAProbabilityThatRisesWithTheScore() {
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    double previous = -1;
    for (double v = -50; v <= 0; v += 0.5) {
      double p = scorer.calibrated(ScoreName.PRIMARY, v);
      assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
      previous = p;
    }
  }

  @Test
  void everyScoreIsFiniteForExtremeButFiniteInputs() {
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    Random random = new Random(3);
    double[] extremes = {0, 1, -1e6, 1e6, 1e-300, 1 - 1e-16, Double.MAX_VALUE / 1e10};
    for (int trial = 0; trial < 2000; trial++) {
      double[] hidden = new double[SyntheticOutputs.WIDTH];
      double[] logits = new double[SyntheticOutputs.CLASSES];
      for (int j = 0; j < hidden.length; j++) {
        hidden[j] = random.nextBoolean() ? extremes[random.nextInt(extremes.length)] : random.nextDouble();
      }
      for (int c = 0; c < logits.length; c++) {
        logits[c] = random.nextBoolean() ? extremes[random.nextInt(extremes.length)] : random.nextGaussian();
      }
      assertThat(Arrays.stream(scorer.scores(hidden, logits)).allMatch(Double::isFinite)).isTrue();
    }
  }

  @Test
  void rejectsAHiddenVectorOfTheWrongWidth() {
    assertThatThrownBy(() -> new ConfidenceScorer(bundle).scores(new double[3], new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a hidden vector of 8")
        .hasMessageContaining("found 3");
  }

  @Test
  void rejectsNonFiniteInputsInsteadOfScoringThem() {
    double[] hidden = new double[SyntheticOutputs.WIDTH];
    hidden[2] = Double.NaN;
    assertThatThrownBy(() -> new ConfidenceScorer(bundle).scores(hidden, new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAValidationSplitWithoutWrongPredictionsNamingTheCounts() {
    LabeledOutputs allRight = new LabeledOutputs(validation.outputs(), validation.outputs().predicted());

    assertThatThrownBy(() -> BundleFitter.fit(SyntheticOutputs.generate(3000, 1), allRight, java.util.List.of("a", "b", "c"),
            SyntheticOutputs.provenance()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the validation split has 1500 correct and 0 wrong predictions;")
        .hasMessageContaining("needs at least 2 of each");
  }
}
