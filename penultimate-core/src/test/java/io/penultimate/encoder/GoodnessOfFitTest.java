package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.GaussianMixture1D;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class GoodnessOfFitTest {

  private static final GaussianMixture1D BIMODAL =
      new GaussianMixture1D(new double[] {0.4, 0.6}, new double[] {-2, 2}, new double[] {0.5, 0.5});

  private static HiddenSamples oneNode(double[] values, int numClasses) {
    double[][] hidden = new double[values.length][];
    int[] classes = new int[values.length];
    for (int k = 0; k < values.length; k++) {
      hidden[k] = new double[] {values[k]};
      classes[k] = k % numClasses;
    }
    return new HiddenSamples(hidden, classes, numClasses);
  }

  @Test
  void rSquaredIsNearOneForDataDrawnFromTheFittedFamily() {
    double[] values = SyntheticHidden.sample(BIMODAL, 40_000, new SplittableRandom(4));

    assertThat(GoodnessOfFit.defaults().rSquared(values, BIMODAL)).hasValueCloseTo(1.0, within(0.01));
  }

  @Test
  void rSquaredIsClearlyLowerForAMisfit() {
    double[] values = SyntheticHidden.sample(BIMODAL, 40_000, new SplittableRandom(4));
    HiddenSamples samples = oneNode(values, 1);

    GoodnessOfFit.Summary three = GoodnessOfFit.defaults().meanRSquared(samples, GaussianMixtureFitter.defaults().fit(samples), GoodnessOfFit.Values.ALL);
    GoodnessOfFit.Summary one = GoodnessOfFit.defaults().meanRSquared(samples,
        new GaussianMixtureFitter(MixtureSettings.withComponents(1)).fit(samples), GoodnessOfFit.Values.ALL);

    assertThat(three.meanRSquared()).isGreaterThan(0.98);
    assertThat(one.meanRSquared()).isLessThan(0.5);
  }

  @Test
  void rSquaredComparesDensityHistogramWithBinMassOverWidthTailsInOuterBins() {
    // three bins of width 1 over [0, 3] with 2, 1 and 1 of 4 values: densities e = (½, ¼, ¼), mean ⅓.
    // N(1.5, 1) gives the outer bins their tails: masses Φ(−0.5), 1 − 2Φ(−0.5), Φ(−0.5).
    double[] values = {0, 0.5, 1.5, 3};
    GaussianMixture1D normal = new GaussianMixture1D(new double[] {1}, new double[] {1.5}, new double[] {1});
    double outer = new NormalDistribution(0, 1).cumulativeProbability(-0.5);
    double[] e = {0.5, 0.25, 0.25};
    double[] f = {outer, 1 - 2 * outer, outer};
    double residual = 0;
    double total = 0;
    for (int b = 0; b < 3; b++) {
      residual += (e[b] - f[b]) * (e[b] - f[b]);
      total += (e[b] - 1.0 / 3) * (e[b] - 1.0 / 3);
    }

    assertThat(new GoodnessOfFit(3).rSquared(values, normal)).hasValueCloseTo(1 - residual / total, within(1e-12));
  }

  @Test
  void binnedGivesTheTwoDensitiesThatRSquaredCompares() {
    // the example above: e = (½, ¼, ¼); f = (Φ(−0.5), 1 − 2Φ(−0.5), Φ(−0.5)), each over width 1
    double[] values = {0, 0.5, 1.5, 3};
    GaussianMixture1D normal = new GaussianMixture1D(new double[] {1}, new double[] {1.5}, new double[] {1});
    double outer = new NormalDistribution(0, 1).cumulativeProbability(-0.5);

    GoodnessOfFit.Binned binned = new GoodnessOfFit(3).binned(values, normal).orElseThrow();

    assertThat(binned.min()).isZero();
    assertThat(binned.max()).isEqualTo(3);
    assertThat(binned.empirical()).containsExactly(new double[] {0.5, 0.25, 0.25}, within(1e-15));
    assertThat(binned.fitted()).containsExactly(new double[] {outer, 1 - 2 * outer, outer}, within(1e-12));
    assertThat(binned.rSquared()).isEqualTo(new GoodnessOfFit(3).rSquared(values, normal).getAsDouble());
  }

  @Test
  void positivePartBinsTheValuesAboveZeroAgainstTheMixtureConditionedOnThem() {
    // positive values 0.5, 1.5, 1.5, 3.5 in three bins of width 1 over [0.5, 3.5]: e = (¼, ½, ¼).
    // N(1.5, 1) conditioned on x > 0 gives the first bin the mass from 0, the last its upper tail.
    double[] values = {0, 0, 0, 0.5, 1.5, 1.5, 3.5};
    GaussianMixture1D normal = new GaussianMixture1D(new double[] {1}, new double[] {1.5}, new double[] {1});
    NormalDistribution z = new NormalDistribution(0, 1);
    double above = 1 - z.cumulativeProbability(-1.5);
    double[] f = {
      (0.5 - z.cumulativeProbability(-1.5)) / above,
      (z.cumulativeProbability(1) - 0.5) / above,
      (1 - z.cumulativeProbability(1)) / above
    };

    GoodnessOfFit.Binned binned = new GoodnessOfFit(3).binned(values, normal, GoodnessOfFit.Values.POSITIVE).orElseThrow();

    assertThat(binned.min()).isEqualTo(0.5);
    assertThat(binned.max()).isEqualTo(3.5);
    assertThat(binned.empirical()).containsExactly(new double[] {0.25, 0.5, 0.25}, within(1e-15));
    assertThat(binned.fitted()).containsExactly(f, within(1e-12));
  }

  @Test
  void positivePartRevealsAMisfitThatTheSpikeOfZerosHides() {
    // 80% ReLU zeros, the rest two narrow bumps at 1 and 3; the mixture has the spike right but
    // one broad component where the two bumps are
    SplittableRandom random = new SplittableRandom(9);
    double[] values = new double[10_000];
    for (int k = 8_000; k < values.length; k++) {
      values[k] = (k % 2 == 0 ? 1 : 3) + 0.1 * random.nextGaussian();
    }
    GaussianMixture1D spikeAndBroad = new GaussianMixture1D(new double[] {0.8, 0.2}, new double[] {0, 2}, new double[] {1e-4, 1});

    assertThat(GoodnessOfFit.defaults().rSquared(values, spikeAndBroad, GoodnessOfFit.Values.ALL).getAsDouble()).isGreaterThan(0.95);
    assertThat(GoodnessOfFit.defaults().rSquared(values, spikeAndBroad, GoodnessOfFit.Values.POSITIVE).getAsDouble()).isLessThan(0.3);
  }

  @Test
  void positivePartIsUndefinedWhenTheMixtureHasNoMassAboveZero() {
    GaussianMixture1D farBelow = new GaussianMixture1D(new double[] {1}, new double[] {-100}, new double[] {1});

    assertThat(GoodnessOfFit.defaults().binned(new double[] {0, 1, 2}, farBelow, GoodnessOfFit.Values.POSITIVE)).isEmpty();
  }

  @Test
  void binnedIsEmptyForValuesWithoutSpread() {
    assertThat(GoodnessOfFit.defaults().binned(new double[] {2, 2, 2}, BIMODAL)).isEmpty();
  }

  @Test
  void skipsPairsWithoutSpreadSuchAsEmptyClassesAndConstantNodes() {
    HiddenSamples samples = new HiddenSamples(
        new double[][] {{0.1, 3}, {0.5, 3}, {0.2, 3}, {0.9, 3}}, new int[] {0, 0, 0, 1}, 3);
    GaussianMixtureEncoder encoder = GaussianMixtureFitter.defaults().fit(samples);

    GoodnessOfFit.Summary summary = GoodnessOfFit.defaults().meanRSquared(samples, encoder, GoodnessOfFit.Values.ALL);

    // only class 0 node 0 spreads: class 1 has one sample, class 2 none, node 1 is constant
    assertThat(summary.evaluated()).isEqualTo(1);
    assertThat(summary.skipped()).isEqualTo(5);
    assertThat(summary.meanRSquared()).isFinite();
  }

  @Test
  void pooledSummaryCoversEveryNode() {
    HiddenSamples samples = SyntheticHidden.reluLike(20_000, 4, 5, 8);

    GoodnessOfFit.Summary summary = GoodnessOfFit.defaults().meanRSquared(samples, PooledMixtureFitter.defaults().fit(samples), GoodnessOfFit.Values.ALL);

    assertThat(summary.evaluated()).isEqualTo(4);
    assertThat(summary.meanRSquared()).isBetween(0.5, 1.0);
  }

  @Test
  void rejectsFewerThanTwoBins() {
    assertThatThrownBy(() -> new GoodnessOfFit(1)).hasMessage("bins must be at least 2, found 1");
  }
}
