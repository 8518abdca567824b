package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.GaussianMixture1D;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MutualInformationTest {

  private static final double LN2 = Math.log(2);

  private static GaussianMixture1D gaussian(double mean, double variance) {
    return new GaussianMixture1D(new double[] {1}, new double[] {mean}, new double[] {variance});
  }

  @Test
  void isZeroForAnIndependentTable() {
    assertThat(MutualInformation.fromCounts(new long[][] {{2, 4}, {3, 6}, {1, 2}})).isCloseTo(0, within(1e-15));
  }

  @Test
  void isLnTwoWhenTheBinDeterminesOneOfTwoEqualClasses() {
    assertThat(MutualInformation.fromCounts(new long[][] {{5, 0}, {0, 5}})).isCloseTo(LN2, within(1e-15));
  }

  @Test
  void matchesAHandComputedAsymmetricTable() {
    // p = [[.5, .25], [0, .25]]: H(h) + H(y) − H(h, y) = H(.75, .25) + ln 2 − 1.5 ln 2 = ¾ ln(4/3).
    double expected = 0.75 * Math.log(4.0 / 3);
    assertThat(MutualInformation.fromCounts(new long[][] {{2, 1}, {0, 1}})).isCloseTo(expected, within(1e-15));
    // An empty bin changes nothing (0·log 0 = 0).
    assertThat(MutualInformation.fromCounts(new long[][] {{2, 1}, {0, 0}, {0, 1}})).isCloseTo(expected, within(1e-15));
  }

  @Test
  void countsPairedObservationsIntoTheJointTable() {
    int[] bins = {0, 0, 0, 1};
    int[] classes = {0, 0, 1, 1};
    assertThat(MutualInformation.ofBins(bins, 2, classes, 2)).isCloseTo(0.75 * Math.log(4.0 / 3), within(1e-15));
  }

  @Test
  void rejectsMalformedTablesAndObservations() {
    assertThatThrownBy(() -> MutualInformation.fromCounts(new long[][] {{1, -1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0][1]").hasMessageContaining("-1");
    assertThatThrownBy(() -> MutualInformation.fromCounts(new long[][] {{1, 1}, {1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 of length 1");
    assertThatThrownBy(() -> MutualInformation.fromCounts(new long[][] {{0, 0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no counts");
    assertThatThrownBy(() -> MutualInformation.ofBins(new int[] {0, 2}, 2, new int[] {0, 1}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sample 1").hasMessageContaining("found 2");
  }

  @Test
  void integratesToLnTwoForTwoFarApartGaussiansWithEqualPriors() {
    GaussianMixture1D[] classes = {gaussian(0, 0.01), gaussian(5, 0.04)};
    assertThat(MutualInformation.numerical(classes, new double[] {0.5, 0.5})).isCloseTo(LN2, within(1e-9));
  }

  @Test
  void integratesToTheLabelEntropyForFarApartClassesWithUnequalPriors() {
    GaussianMixture1D[] classes = {
      gaussian(0, 0.01),
      new GaussianMixture1D(new double[] {0.4, 0.6}, new double[] {4, 4.3}, new double[] {0.02, 0.01}),
      gaussian(12, 0.5)
    };
    double[] prior = {0.2, 0.3, 0.5};
    double labelEntropy = -(0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.5 * Math.log(0.5));
    assertThat(MutualInformation.numerical(classes, prior)).isCloseTo(labelEntropy, within(1e-9));
    assertThat(MutualInformation.overlapApproximation(classes, prior)).isCloseTo(labelEntropy, within(1e-9));
  }

  @Test
  void isZeroWhenEveryClassHasTheSameMixture() {
    GaussianMixture1D shared = new GaussianMixture1D(new double[] {0.3, 0.7}, new double[] {0.1, 0.8}, new double[] {0.01, 0.02});
    GaussianMixture1D[] classes = {shared, shared, shared};
    double[] prior = {0.5, 0.3, 0.2};
    assertThat(MutualInformation.numerical(classes, prior)).isCloseTo(0, within(1e-12));
    assertThat(MutualInformation.paperApproximation(classes, prior)).isCloseTo(0, within(1e-12));
    assertThat(MutualInformation.overlapApproximation(classes, prior)).isCloseTo(0, within(1e-12));
  }

  @Test
  void agreesWithAMonteCarloEstimate() {
    GaussianMixture1D[] classes = {
      new GaussianMixture1D(new double[] {0.6, 0.4}, new double[] {0.1, 0.5}, new double[] {0.01, 0.04}),
      new GaussianMixture1D(new double[] {0.5, 0.5}, new double[] {0.6, 0.9}, new double[] {0.02, 0.005}),
    };
    double[] prior = {0.45, 0.55};
    GaussianMixture1D pooled = new GaussianMixture1D(
        new double[] {0.45 * 0.6, 0.45 * 0.4, 0.55 * 0.5, 0.55 * 0.5},
        new double[] {0.1, 0.5, 0.6, 0.9},
        new double[] {0.01, 0.04, 0.02, 0.005});
    // I = E[log p(h | y) − log p(h)] over (y, h) drawn from the model.
    Random random = new Random(42);
    int n = 200_000;
    double sum = 0;
    double sumSquares = 0;
    for (int s = 0; s < n; s++) {
      int y = random.nextDouble() < prior[0] ? 0 : 1;
      double h = sample(classes[y], random);
      double term = classes[y].logDensity(h) - pooled.logDensity(h);
      sum += term;
      sumSquares += term * term;
    }
    double mean = sum / n;
    double standardError = Math.sqrt((sumSquares / n - mean * mean) / n);
    assertThat(MutualInformation.numerical(classes, prior)).isCloseTo(mean, within(4 * standardError));
    assertThat(standardError).isLessThan(0.002);
  }

  @Test
  void givesTheHandDerivedPairwiseValuesForTwoShiftedGaussians() {
    // Equal priors, common σ² = 1, distance Δ: eq. 2 gives Δ²/4; the overlap bound ln 2 − ln(1 + exp(−Δ²/4)).
    for (double delta : new double[] {0, 0.5, 1, 3, 10}) {
      GaussianMixture1D[] classes = {gaussian(0, 1), gaussian(delta, 1)};
      double[] prior = {0.5, 0.5};
      assertThat(MutualInformation.paperApproximation(classes, prior)).as("Δ=%s", delta)
          .isCloseTo(delta * delta / 4, within(1e-12));
      assertThat(MutualInformation.overlapApproximation(classes, prior)).as("Δ=%s", delta)
          .isCloseTo(LN2 - Math.log1p(Math.exp(-delta * delta / 4)), within(1e-12));
      assertThat(MutualInformation.numerical(classes, prior)).as("Δ=%s", delta).isBetween(-1e-12, LN2 + 1e-12);
    }
  }

  @Test
  void ignoresAClassWithZeroPrior() {
    GaussianMixture1D[] two = {gaussian(0, 0.01), gaussian(0.3, 0.02)};
    GaussianMixture1D[] three = {gaussian(0, 0.01), gaussian(0.3, 0.02), gaussian(0.9, 0.01)};
    assertThat(MutualInformation.numerical(three, new double[] {0.4, 0.6, 0}))
        .isCloseTo(MutualInformation.numerical(two, new double[] {0.4, 0.6}), within(1e-15));
  }

  @Test
  void rejectsPriorsThatAreNotADistribution() {
    GaussianMixture1D[] classes = {gaussian(0, 1), gaussian(1, 1)};
    assertThatThrownBy(() -> MutualInformation.numerical(classes, new double[] {0.5, 0.6}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 1.1");
    assertThatThrownBy(() -> MutualInformation.numerical(classes, new double[] {1.5, -0.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class 1").hasMessageContaining("-0.5");
    assertThatThrownBy(() -> MutualInformation.numerical(classes, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 mixtures and 1 priors");
  }

  private static double sample(GaussianMixture1D p, Random random) {
    double u = random.nextDouble();
    int k = 0;
    while (k < p.components() - 1 && u >= p.weights()[k]) {
      u -= p.weights()[k++];
    }
    return p.means()[k] + Math.sqrt(p.variances()[k]) * random.nextGaussian();
  }
}
