package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Binomial and trinomial encoders against probabilities counted by hand. */
class BinnedEncodersTest {

  // class 0: node 0 bits 0,1,0 and node 1 bits 1,1,0; class 1: node 0 bit 1, node 1 bit 0; class 2 empty
  private final HiddenSamples samples = new HiddenSamples(
      new double[][] {{0.2, 0.7}, {0.6, 0.9}, {0.1, 0.4}, {0.8, 0.3}}, new int[] {0, 0, 0, 1}, 3);

  @Test
  void binomialProbabilitiesAreLaplaceSmoothedBitFrequencies() {
    BinomialEncoder encoder = BinomialFitter.defaults().fit(samples);

    // P(bit) = (n_bit + 1) / (n + 2)
    assertThat(encoder.probability(0, 0, 0)).isCloseTo(3.0 / 5, within(1e-12));
    assertThat(encoder.probability(0, 0, 1)).isCloseTo(2.0 / 5, within(1e-12));
    assertThat(encoder.probability(0, 1, 1)).isCloseTo(3.0 / 5, within(1e-12));
    assertThat(encoder.probability(1, 0, 1)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(encoder.probability(1, 1, 0)).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void binomialLidstoneSmoothingUsesThePseudoCount() {
    BinomialEncoder encoder = new BinomialFitter(0.5, 0.5).fit(samples);

    assertThat(encoder.probability(0, 0, 0)).isCloseTo(2.5 / 4, within(1e-12));
    assertThat(encoder.probability(1, 0, 0)).isCloseTo(0.5 / 2, within(1e-12));
  }

  @Test
  void binomialLogLikelihoodSumsTheNodesLogProbabilities() {
    BinomialEncoder encoder = BinomialFitter.defaults().fit(samples);

    // node 0: 0.5 is bit 1 (the threshold belongs to bit 1), P = 2/5; node 1: 0.0 is bit 0, P = 2/5
    assertThat(encoder.logLikelihood(new double[] {0.5, 0.0}, 0)).isCloseTo(2 * Math.log(0.4), within(1e-12));
    assertThat(encoder.logDensity(1, 1, -3)).isCloseTo(Math.log(2.0 / 3), within(1e-12));
  }

  @Test
  void emptyClassGetsUniformBits() {
    BinomialEncoder encoder = BinomialFitter.defaults().fit(samples);

    assertThat(encoder.probability(2, 0, 0)).isCloseTo(0.5, within(1e-12));
    assertThat(encoder.logLikelihood(new double[] {0.9, 0.1}, 2)).isCloseTo(2 * Math.log(0.5), within(1e-12));
  }

  @Test
  void trinomialKeepsBothThresholdsInTheMiddleBin() {
    HiddenSamples one = new HiddenSamples(
        new double[][] {{0.05, 0.0}, {0.1, 0.0}, {0.5, 0.0}, {0.9, 1.0}, {0.95, 1.0}}, new int[] {0, 0, 0, 0, 0}, 1);

    TrinomialEncoder encoder = TrinomialFitter.defaults().fit(one);

    // node 0 counts (low, middle, high) = (1, 3, 1), P = (n + 1) / (5 + 3)
    assertThat(encoder.probability(0, 0, 0)).isCloseTo(2.0 / 8, within(1e-12));
    assertThat(encoder.probability(0, 0, 1)).isCloseTo(4.0 / 8, within(1e-12));
    assertThat(encoder.probability(0, 0, 2)).isCloseTo(2.0 / 8, within(1e-12));
    // node 1 counts (3, 0, 2): P = (4/8, 1/8, 3/8)
    assertThat(encoder.logLikelihood(new double[] {0.1, 0.9}, 0))
        .isCloseTo(Math.log(4.0 / 8) + Math.log(1.0 / 8), within(1e-12));
    assertThat(encoder.logLikelihood(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY}, 0))
        .isCloseTo(Math.log(2.0 / 8) + Math.log(3.0 / 8), within(1e-12));
  }

  @Test
  void trinomialThresholdsAreConfigurable() {
    TrinomialEncoder encoder = new TrinomialFitter(0.3, 0.5, 1).fit(samples);

    // class 0 node 0 values 0.2, 0.6, 0.1 -> (low, middle, high) = (2, 0, 1)
    assertThat(encoder.probability(0, 0, 0)).isCloseTo(3.0 / 6, within(1e-12));
    assertThat(encoder.probability(0, 0, 1)).isCloseTo(1.0 / 6, within(1e-12));
  }

  @Test
  void nanScoresTheFloorInBothFamilies() {
    assertThat(BinomialFitter.defaults().fit(samples).logDensity(0, 0, Double.NaN))
        .isEqualTo(HiddenEncoder.LOG_DENSITY_FLOOR);
    assertThat(TrinomialFitter.defaults().fit(samples).logDensity(0, 0, Double.NaN))
        .isEqualTo(HiddenEncoder.LOG_DENSITY_FLOOR);
  }

  @Test
  void rejectsSettingsReportingEveryProblemAtOnce() {
    assertThatThrownBy(() -> new TrinomialFitter(0.9, 0.1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("low must be below high, found low=0.9 high=0.1")
        .hasMessageContaining("smoothing must be positive and finite")
        .hasMessageContaining("found 0.0");
    assertThatThrownBy(() -> new BinomialFitter(Double.NaN, -1))
        .hasMessageContaining("threshold must be finite, found NaN")
        .hasMessageContaining("found -1.0");
  }

  @Test
  void rejectsProbabilitiesThatDoNotSumToOne() {
    double[] logP = {Math.log(0.5), Math.log(0.4)};

    assertThatThrownBy(() -> new BinomialEncoder(1, 1, 0.5, logP))
        .hasMessageStartingWith("probabilities of class 0 node 0 sum to 0.9")
        .hasMessageEndingWith(", expected 1");
  }

  @Test
  void rejectsTablesOfTheWrongShapeOrWithZeroProbability() {
    assertThatThrownBy(() -> new TrinomialEncoder(2, 3, 0.1, 0.9, new double[17]))
        .hasMessage("logProbabilities (numClasses × width × 3) has length 17, expected 18");
    assertThatThrownBy(() -> new BinomialEncoder(1, 1, 0.5, new double[] {0, Double.NEGATIVE_INFINITY}))
        .hasMessage("logProbabilities[1] must be a finite log probability (<= 0), found -Infinity");
  }

  @Test
  void rejectsUnknownClassOrNode() {
    BinomialEncoder encoder = BinomialFitter.defaults().fit(samples);

    assertThatThrownBy(() -> encoder.logDensity(3, 0, 0.5)).hasMessage("class must lie in [0, 3), found 3");
    assertThatThrownBy(() -> encoder.logDensity(0, 2, 0.5)).hasMessage("node must lie in [0, 2), found 2");
    assertThatThrownBy(() -> encoder.logLikelihood(new double[3], 0))
        .hasMessage("hidden vector has length 3, expected width 2");
  }
}
