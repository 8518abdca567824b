package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class BetaEncodersTest {

  /** One node, one class: n draws of Beta(a, b), seeded. */
  private static HiddenSamples betaSample(double a, double b, int n, long seed) {
    BetaDistribution beta = new BetaDistribution(new Well19937c(seed), a, b);
    double[][] hidden = new double[n][1];
    for (double[] row : hidden) {
      row[0] = beta.sample();
    }
    return new HiddenSamples(hidden, new int[n], 1);
  }

  @Test
  void fitsBetaAlphaFromSeededSample() {
    for (double alpha : new double[] {0.3, 0.5, 0.7}) {
      BetaEncoder encoder = new BetaFitter(1e-12).fit(betaSample(alpha, 1 - alpha, 20_000, 42));

      assertThat(encoder.alpha()[0]).as("alpha %s", alpha).isCloseTo(alpha, within(0.01));
    }
  }

  @Test
  void closedFormAlphaIsTheStationaryPointOfTheLikelihood() {
    HiddenSamples samples = betaSample(0.35, 0.9, 5_000, 7);
    double epsilon = 1e-4;
    double alpha = new BetaFitter(epsilon).fit(samples).alpha()[0];
    double l0 = 0;
    double l1 = 0;
    for (double h : samples.values(0)) {
      double x = Math.min(1 - epsilon, Math.max(epsilon, h));
      l0 += Math.log(x) / samples.size();
      l1 += Math.log1p(-x) / samples.size();
    }

    // d/dα of (α − 1) L0 − α L1 − log Γ(α) − log Γ(1 − α), written with digamma
    double derivative = l0 - l1 - Gamma.digamma(alpha) + Gamma.digamma(1 - alpha);
    assertThat(derivative).isCloseTo(0, within(1e-9));
  }

  @Test
  void betaDensityMatchesCommonsMath() {
    BetaEncoder encoder = new BetaEncoder(1, 1, 1e-4, new double[] {0.3});
    BetaDistribution reference = new BetaDistribution(0.3, 0.7);

    for (double x : new double[] {0.001, 0.2, 0.5, 0.99}) {
      assertThat(encoder.logDensity(0, 0, x)).isCloseTo(reference.logDensity(x), within(1e-10));
    }
  }

  @Test
  void clampsSigmoidOutputsOfZeroAndOneAndBeyond() {
    BetaEncoder encoder = new BetaEncoder(1, 1, 1e-4, new double[] {0.3});
    double atLow = encoder.logDensity(0, 0, 1e-4);
    double atHigh = encoder.logDensity(0, 0, 1 - 1e-4);

    assertThat(encoder.logDensity(0, 0, 0)).isEqualTo(atLow);
    assertThat(encoder.logDensity(0, 0, -7)).isEqualTo(atLow);
    assertThat(encoder.logDensity(0, 0, Double.NEGATIVE_INFINITY)).isEqualTo(atLow);
    assertThat(encoder.logDensity(0, 0, 1)).isEqualTo(atHigh);
    assertThat(encoder.logDensity(0, 0, Double.POSITIVE_INFINITY)).isEqualTo(atHigh);
    assertThat(encoder.logDensity(0, 0, Double.NaN)).isEqualTo(HiddenEncoder.LOG_DENSITY_FLOOR);
  }

  @Test
  void emptyClassGetsSymmetricAlphaAndUniformBeta() {
    HiddenSamples samples = new HiddenSamples(new double[][] {{0.9}, {0.8}}, new int[] {0, 0}, 2);

    assertThat(BetaFitter.defaults().fit(samples).alpha()[1]).isEqualTo(0.5);
    BetaGeneralEncoder general = BetaGeneralFitter.defaults().fit(samples);
    assertThat(general.parameters().a()[1]).isEqualTo(1);
    assertThat(general.parameters().b()[1]).isEqualTo(1);
    assertThat(general.logDensity(1, 0, 0.37)).isCloseTo(0, within(1e-12));
  }

  @Test
  void fitsGeneralBetaParametersFromSeededSample() {
    double[][] cases = {{2, 5}, {0.5, 0.5}, {30, 3}, {0.8, 4}};
    for (double[] ab : cases) {
      BetaGeneralEncoder encoder = new BetaGeneralFitter(1e-12).fit(betaSample(ab[0], ab[1], 20_000, 11));

      assertThat(encoder.parameters().a()[0]).as("a of Beta(%s, %s)", ab[0], ab[1]).isCloseTo(ab[0], within(0.05 * ab[0]));
      assertThat(encoder.parameters().b()[0]).as("b of Beta(%s, %s)", ab[0], ab[1]).isCloseTo(ab[1], within(0.05 * ab[1]));
    }
  }

  @Test
  void generalBetaDensityMatchesCommonsMath() {
    BetaGeneralEncoder encoder = new BetaGeneralEncoder(1, 1, 1e-4, new BetaTable(new double[] {2.5}, new double[] {0.7}));
    BetaDistribution reference = new BetaDistribution(2.5, 0.7);

    for (double x : new double[] {0.01, 0.3, 0.5, 0.999}) {
      assertThat(encoder.logDensity(0, 0, x)).isCloseTo(reference.logDensity(x), within(1e-10));
    }
  }

  @Test
  void constantNodeCapsTheConcentrationAndKeepsTheMean() {
    HiddenSamples samples = new HiddenSamples(new double[][] {{0.25}, {0.25}, {0.25}}, new int[3], 1);

    BetaGeneralEncoder encoder = BetaGeneralFitter.defaults().fit(samples);

    double a = encoder.parameters().a()[0];
    double b = encoder.parameters().b()[0];
    assertThat(a + b).isCloseTo(BetaGeneralFitter.MAX_CONCENTRATION, within(1e-6));
    assertThat(a / (a + b)).isCloseTo(0.25, within(1e-12));
    assertThat(encoder.logDensity(0, 0, 0.25)).isFinite();
  }

  @Test
  void saturatedOutputsFitFinitely() {
    HiddenSamples samples = new HiddenSamples(new double[][] {{0.0}, {1.0}, {0.0}, {0.0}}, new int[4], 1);

    BetaEncoder beta = BetaFitter.defaults().fit(samples);
    BetaGeneralEncoder general = BetaGeneralFitter.defaults().fit(samples);

    // mean logit = (3·logit ε + logit(1 − ε)) / 4 = −½ log((1 − ε)/ε)
    double expected = 0.5 + Math.atan(-0.5 * Math.log((1 - 1e-4) / 1e-4) / Math.PI) / Math.PI;
    assertThat(beta.alpha()[0]).isCloseTo(expected, within(1e-12));
    assertThat(general.parameters().a()[0]).isPositive().isFinite();
    assertThat(general.parameters().b()[0]).isPositive().isFinite();
    assertThat(general.logLikelihood(new double[] {1}, 0)).isFinite();
  }

  @Test
  void rejectsInvalidParametersNamingTheValue() {
    assertThatThrownBy(() -> new BetaEncoder(1, 2, 1e-4, new double[] {0.5, 1.0}))
        .hasMessage("alpha[1] must lie in (0.0, 1.0), found 1.0");
    assertThatThrownBy(() -> new BetaTable(new double[] {1}, new double[] {Double.NaN}))
        .hasMessage("b[0] must lie in (0.0, Infinity), found NaN");
    assertThatThrownBy(() -> new BetaGeneralEncoder(2, 1, 1e-4, new BetaTable(new double[] {1}, new double[] {1})))
        .hasMessage("parameters hold 1 slots, expected numClasses × width = 2");
    assertThatThrownBy(() -> new BetaEncoder(1, 2, 1e-4, new double[] {0.5}))
        .hasMessage("alpha (numClasses × width) has length 1, expected 2");
    assertThatThrownBy(() -> new BetaFitter(0.5)).hasMessage("epsilon must lie in (0, 0.5), found 0.5");
  }
}
