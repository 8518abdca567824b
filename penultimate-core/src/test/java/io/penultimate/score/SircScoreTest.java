package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SircScoreTest {

  /** S₂ of the fitting data −1 and −3: μ = −2, σ = 1, so a = −2 − 3 = −5 and b = 1. */
  private static final SircModel MODEL = new SircFitter().fit(new double[] {-1, -3});

  @Test
  void fitsTheGateFromTheMeanAndPopulationDeviation() {
    assertThat(MODEL.a()).isEqualTo(-5);
    assertThat(MODEL.b()).isEqualTo(1);
    // μ = −2.5, σ² = (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25: a = −2.5 − 3√1.25, b = 1/√1.25
    SircModel four = new SircFitter().fit(new double[] {-1, -2, -3, -4});
    assertThat(four.a()).isCloseTo(-5.854101966249685, within(1e-15));
    assertThat(four.b()).isCloseTo(0.8944271909999159, within(1e-15));
  }

  @Test
  void matchesHandComputedScores() {
    SircScore score = new SircScore(MODEL);
    double[] logits = {Math.log(3), 0}; // p_max = 3/4, 1 − p_max = 1/4

    // S₂ = a: S = −(1/4)(1 + e⁰) = −1/2, score = −log(1/2) = log 2
    assertThat(score.score(logits, -5)).isCloseTo(Math.log(2), within(1e-15));
    // S₂ = −2: S = −(1/4)(1 + e⁻³), score = log 4 − log(1 + e⁻³) = 1.3862943611198906 − 0.04858735157374206
    assertThat(score.score(logits, -2)).isCloseTo(1.3377070095461485, within(1e-15));
    // S₂ = −10: S = −(1/4)(1 + e⁵), score = log 4 − log(1 + e⁵) = 1.3862943611198906 − 5.006715348489118
    assertThat(score.score(logits, -10)).isCloseTo(-3.6204209873692273, within(1e-14));
  }

  @Test
  void ranksAsTheProductFormulaDoes() {
    SircScore score = new SircScore(MODEL);
    double[][] logits = {{0, 0}, {1, 0}, {2, 0.5}, {0.3, -1}};
    double[] features = {-1, -4, -6, -9};
    for (double[] l1 : logits) {
      for (double s1 : features) {
        for (double[] l2 : logits) {
          for (double s2 : features) {
            double product1 = -(1 - SoftmaxScores.maxSoftmax(l1)) * (1 + Math.exp(-MODEL.b() * (s1 - MODEL.a())));
            double product2 = -(1 - SoftmaxScores.maxSoftmax(l2)) * (1 + Math.exp(-MODEL.b() * (s2 - MODEL.a())));
            if (Math.abs(product1 - product2) > 1e-12) {
              assertThat(score.score(l1, s1) > score.score(l2, s2)).isEqualTo(product1 > product2);
            }
          }
        }
      }
    }
  }

  @Test
  void keepsConfidentSamplesRankedWhereOneMinusTheMaxSoftmaxRoundsToZero() {
    SircScore score = new SircScore(MODEL);

    assertThat(1 - SoftmaxScores.maxSoftmax(new double[] {800, 0})).as("the product's first factor").isZero();
    // −log(1 − p_max) = softplus(800) = 800 (to double precision); the gate at S₂ = −2 costs log(1 + e⁻³)
    assertThat(score.score(new double[] {800, 0}, -2)).isCloseTo(800 - 0.04858735157374206, within(1e-12));
    assertThat(score.score(new double[] {801, 0}, -2)).isGreaterThan(score.score(new double[] {800, 0}, -2));
  }

  @Test
  void staysFiniteForOneClassNoSpreadAndExtremeFeatureScores() {
    SircScore score = new SircScore(MODEL);
    SircModel noSpread = new SircFitter().fit(new double[] {-2, -2});

    assertThat(score.score(new double[] {3}, -2)).isEqualTo(Double.MAX_VALUE - SircScore.softplus(-3));
    assertThat(score.score(new double[] {3}, -Double.MAX_VALUE)).isZero();
    assertThat(score.score(new double[] {0, 0}, -Double.MAX_VALUE)).isEqualTo(Math.log(2) - Double.MAX_VALUE);
    assertThat(noSpread.a()).isEqualTo(-2);
    assertThat(noSpread.b()).isEqualTo(1 / Double.MIN_NORMAL).isFinite();
    assertThat(new SircScore(noSpread).score(new double[] {1, 0}, -2.5)).isFinite();
  }

  @Test
  void rejectsInvalidInputsAndModels() {
    SircScore score = new SircScore(MODEL);

    assertThatThrownBy(() -> score.score(new double[] {0, 1}, Double.NaN)).hasMessage("feature score must be finite, found NaN");
    assertThatThrownBy(() -> score.score(new double[] {0, Double.NaN}, 0)).hasMessage("logits[1] must be finite, found NaN");
    assertThatThrownBy(() -> new SircFitter().fit(new double[0])).hasMessage("need at least one feature score, found none");
    assertThatThrownBy(() -> new SircFitter().fit(new double[] {1, Double.NaN}))
        .hasMessage("featureScores[1] must be finite, found NaN");
    assertThatThrownBy(() -> new SircModel(Double.NaN, 1)).hasMessage("a must be finite, found NaN");
    assertThatThrownBy(() -> new SircModel(0, 0)).hasMessage("b must be finite and > 0, found 0.0");
  }
}
