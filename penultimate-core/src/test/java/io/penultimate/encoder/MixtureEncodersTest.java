package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.GaussianMixture1D;
import io.penultimate.math.Stats;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MixtureEncodersTest {

  private static final GaussianMixture1D SEPARATED =
      new GaussianMixture1D(new double[] {0.2, 0.5, 0.3}, new double[] {-4, 0, 5}, new double[] {0.25, 1, 0.49});

  /** Node 0 of class c draws from SEPARATED shifted by 10c; node 1 from N(c, 1). */
  private static HiddenSamples twoClassSample(int perClass, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] hidden = new double[2 * perClass][];
    int[] classes = new int[2 * perClass];
    for (int c = 0; c < 2; c++) {
      double[] node0 = SyntheticHidden.sample(SEPARATED, perClass, random);
      for (int k = 0; k < perClass; k++) {
        hidden[c * perClass + k] = new double[] {node0[k] + 10 * c, c + random.nextGaussian()};
        classes[c * perClass + k] = c;
      }
    }
    return new HiddenSamples(hidden, classes, 3);
  }

  /** Components sorted by mean, so fits can be compared with the truth. */
  private static GaussianMixture1D sorted(GaussianMixture1D m) {
    Integer[] order = IntStream.range(0, m.components()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(j -> m.means()[j]));
    return new GaussianMixture1D(
        Arrays.stream(order).mapToDouble(j -> m.weights()[j]).toArray(),
        Arrays.stream(order).mapToDouble(j -> m.means()[j]).toArray(),
        Arrays.stream(order).mapToDouble(j -> m.variances()[j]).toArray());
  }

  private static void assertRecovers(GaussianMixture1D fitted, GaussianMixture1D truth, double shift) {
    GaussianMixture1D f = sorted(fitted);
    for (int j = 0; j < truth.components(); j++) {
      assertThat(f.weights()[j]).as("weight %d", j).isCloseTo(truth.weights()[j], within(0.01));
      assertThat(f.means()[j]).as("mean %d", j).isCloseTo(truth.means()[j] + shift, within(0.05));
      assertThat(Math.sqrt(f.variances()[j])).as("sd %d", j)
          .isCloseTo(Math.sqrt(truth.variances()[j]), within(0.05 * Math.sqrt(truth.variances()[j])));
    }
  }

  @Test
  void fitsSeparatedThreeComponentMixturePerClass() {
    GaussianMixtureEncoder encoder = GaussianMixtureFitter.defaults().fit(twoClassSample(30_000, 1));

    assertRecovers(encoder.mixture(0, 0), SEPARATED, 0);
    assertRecovers(encoder.mixture(1, 0), SEPARATED, 10);
  }

  @Test
  void fitsPooledMixtureOverAllClasses() {
    SplittableRandom random = new SplittableRandom(3);
    double[] values = SyntheticHidden.sample(SEPARATED, 60_000, random);
    double[][] hidden = new double[values.length][];
    int[] classes = new int[values.length];
    for (int k = 0; k < values.length; k++) {
      hidden[k] = new double[] {values[k]};
      classes[k] = k % 10;
    }
    HiddenSamples samples = new HiddenSamples(hidden, classes, 10);

    PooledMixtureEncoder three = new PooledMixtureFitter(MixtureSettings.withComponents(3)).fit(samples);
    PooledMixtureEncoder ten = PooledMixtureFitter.defaults().fit(samples);

    assertRecovers(three.mixture(0), SEPARATED, 0);
    assertThat(ten.mixture(0).components()).isEqualTo(10);
    for (double x : new double[] {-4, -1, 0, 3, 5}) {
      assertThat(ten.logDensity(0, x)).as("at %s", x).isCloseTo(SEPARATED.logDensity(x), within(0.05));
    }
  }

  @Test
  void scoresWithTheFittedMixturesDensity() {
    HiddenSamples samples = twoClassSample(2_000, 5);
    GaussianMixtureEncoder encoder = GaussianMixtureFitter.defaults().fit(samples);
    double[] hidden = {1.3, -0.4};

    double expected = encoder.mixture(1, 0).logDensity(1.3) + encoder.mixture(1, 1).logDensity(-0.4);
    assertThat(encoder.logLikelihood(hidden, 1)).isCloseTo(expected, within(1e-10));
    assertThat(encoder.logDensity(1, 0, 1.3)).isCloseTo(encoder.mixture(1, 0).logDensity(1.3), within(1e-12));
  }

  @Test
  void emptyClassFallsBackToTheNodesMixtureOverAllClasses() {
    HiddenSamples samples = twoClassSample(2_000, 5);

    GaussianMixtureEncoder encoder = GaussianMixtureFitter.defaults().fit(samples);
    PooledMixtureEncoder pooled = new PooledMixtureFitter(MixtureSettings.withComponents(3)).fit(samples);

    assertThat(samples.classCount(2)).isZero();
    assertThat(encoder.mixture(2, 0)).isEqualTo(pooled.mixture(0));
    assertThat(encoder.mixture(2, 1)).isEqualTo(pooled.mixture(1));
  }

  @Test
  void constantNodeGetsTheVarianceFloor() {
    double[][] hidden = {{0.7, 0}, {0.7, 1}, {0.7, 2}};
    HiddenSamples samples = new HiddenSamples(hidden, new int[3], 1);

    GaussianMixture1D constant = GaussianMixtureFitter.defaults().fit(samples).mixture(0, 0);

    assertThat(constant.means()).containsOnly(0.7);
    assertThat(constant.variances()).containsOnly(MixtureSettings.DEFAULT_ABSOLUTE_VARIANCE_FLOOR);
  }

  @Test
  void spikeOfExactZerosCollapsesOntoTheRelativeVarianceFloor() {
    SplittableRandom random = new SplittableRandom(9);
    double[][] hidden = new double[5_000][];
    for (int k = 0; k < hidden.length; k++) {
      hidden[k] = new double[] {k % 2 == 0 ? 0 : 2 + random.nextGaussian()};
    }
    HiddenSamples samples = new HiddenSamples(hidden, new int[hidden.length], 1);

    GaussianMixture1D fitted = GaussianMixtureFitter.defaults().fit(samples).mixture(0, 0);

    double floor = MixtureSettings.DEFAULT_RELATIVE_VARIANCE_FLOOR * Stats.variance(samples.values(0));
    int spike = IntStream.range(0, 3).boxed().min(Comparator.comparingDouble(j -> fitted.variances()[j])).orElseThrow();
    assertThat(fitted.variances()[spike]).isCloseTo(floor, within(1e-9 * floor));
    // the zeros share their bin with a few draws of N(2, 1) near 0, which EM cannot tell apart
    assertThat(fitted.means()[spike]).isCloseTo(0, within(1e-3));
    assertThat(fitted.weights()[spike]).isCloseTo(0.5, within(0.01));
  }

  @Test
  void fitsTheSameEncoderEveryTime() {
    HiddenSamples samples = SyntheticHidden.reluLike(3_000, 16, 4, 21);

    assertThat(GaussianMixtureFitter.defaults().fit(samples)).isEqualTo(GaussianMixtureFitter.defaults().fit(samples));
    assertThat(PooledMixtureFitter.defaults().fit(samples)).isEqualTo(PooledMixtureFitter.defaults().fit(samples));
  }

  @Test
  void farTailsAndNonFiniteValuesScoreTheFloor() {
    GaussianMixtureEncoder encoder = GaussianMixtureFitter.defaults().fit(twoClassSample(500, 2));

    assertThat(encoder.logDensity(0, 0, 1e10)).isEqualTo(HiddenEncoder.LOG_DENSITY_FLOOR);
    assertThat(encoder.logDensity(0, 0, Double.POSITIVE_INFINITY)).isEqualTo(HiddenEncoder.LOG_DENSITY_FLOOR);
    assertThat(encoder.logDensity(0, 0, Double.NaN)).isEqualTo(HiddenEncoder.LOG_DENSITY_FLOOR);
    assertThat(encoder.logLikelihood(new double[] {Double.NaN, 0}, 0))
        .isCloseTo(HiddenEncoder.LOG_DENSITY_FLOOR + encoder.logDensity(0, 1, 0), within(1e-9));
  }

  @Test
  void rejectsInvalidMixturesNamingSlotFoundAndExpected() {
    assertThatThrownBy(() -> new MixtureTable(2, new double[] {0.5, 0.5, 0.5, 0.4}, new double[4], new double[] {1, 1, 1, 1}))
        .hasMessage("slot 1: weights must sum to 1, found 0.9");
    assertThatThrownBy(() -> new MixtureTable(1, new double[] {1}, new double[] {0}, new double[] {-1}))
        .hasMessage("slot 0: variance 0 must be positive and finite, found -1.0");
    assertThatThrownBy(() -> new MixtureTable(2, new double[] {1}, new double[] {0}, new double[] {1}))
        .hasMessage("weights must hold a positive multiple of components=2 entries, found 1");
    MixtureTable one = new MixtureTable(1, new double[] {1, 1}, new double[2], new double[] {1, 1});
    assertThatThrownBy(() -> new GaussianMixtureEncoder(1, 3, one))
        .hasMessage("mixtures hold 2 slots, expected numClasses × width = 3");
    assertThatThrownBy(() -> new PooledMixtureEncoder(3, one))
        .hasMessage("mixtures hold 2 slots, expected width = 3 (at least 1)");
  }

  @Test
  void rejectsSettingsReportingEveryProblemAtOnce() {
    assertThatThrownBy(() -> new MixtureSettings(0, 1024, 0, 1e-6, 0, 1))
        .hasMessageContaining("components must be at least 1, found 0")
        .hasMessageContaining("maxIterations must be at least 1, found 0")
        .hasMessageContaining("absoluteVarianceFloor must be positive and finite, found 0.0")
        .hasMessageContaining("relativeVarianceFloor must lie in [0, 1), found 1.0");
  }
}
