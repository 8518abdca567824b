package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of every family over thousands of random and extreme inputs: scores are finite, even
 * for encoders fitted on pathological samples, and the fast log-likelihood equals the sum of the
 * node log densities.
 */
class EncoderPropertyTest {

  private static final double[] EXTREMES = {
    0, -0.0, 1, 0.5, 0.1, 0.9, 1e-4, 1 - 1e-4, 1 - 1e-17, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300,
    1e100, -1e100, Double.MAX_VALUE, -Double.MAX_VALUE, -7, 42, Double.NaN, Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY
  };

  /**
   * Four classes: class 0 has many samples, class 1 one, class 2 none, class 3 two. Nodes:
   * saturated 0/1, constant, huge and tiny magnitudes, negative, uniform, and 0 beside 1e-300.
   */
  private static HiddenSamples pathological(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 203;
    double[][] hidden = new double[n][];
    int[] classes = new int[n];
    for (int r = 0; r < n; r++) {
      classes[r] = r < 200 ? 0 : r == 200 ? 1 : 3;
      hidden[r] = new double[] {
        random.nextBoolean() ? 0 : 1,
        0.5,
        random.nextBoolean() ? (random.nextBoolean() ? 1e100 : -1e100) : 1e-300,
        -random.nextDouble() * 5,
        random.nextDouble(),
        r % 2 == 0 ? 0 : 1e-300
      };
    }
    return new HiddenSamples(hidden, classes, 4);
  }

  private static List<HiddenEncoder> allFamilies(HiddenSamples samples) {
    return List.of(
        BinomialFitter.defaults().fit(samples),
        TrinomialFitter.defaults().fit(samples),
        BetaFitter.defaults().fit(samples),
        BetaGeneralFitter.defaults().fit(samples),
        GaussianMixtureFitter.defaults().fit(samples));
  }

  /** Extremes first, then random magnitudes over the whole exponent range, then raw bit patterns. */
  private static double probe(SplittableRandom random, int k) {
    if (k < EXTREMES.length) {
      return EXTREMES[k];
    }
    return k % 2 == 0
        ? (random.nextDouble() * 2 - 1) * Math.pow(10, random.nextInt(-320, 309))
        : Double.longBitsToDouble(random.nextLong());
  }

  @Test
  void everyLogDensityIsFiniteForEveryInput() {
    HiddenSamples samples = pathological(1);
    SplittableRandom random = new SplittableRandom(2);
    for (HiddenEncoder encoder : allFamilies(samples)) {
      for (int k = 0; k < 3_000; k++) {
        double h = probe(random, k);
        for (int c = 0; c < encoder.numClasses(); c++) {
          for (int i = 0; i < encoder.width(); i++) {
            assertThat(encoder.logDensity(c, i, h)).as("%s class %d node %d h %s", encoder.family(), c, i, h).isFinite();
          }
        }
      }
    }
  }

  @Test
  void everyLogLikelihoodIsFiniteForEveryInput() {
    HiddenSamples samples = pathological(3);
    PooledMixtureEncoder pooled = PooledMixtureFitter.defaults().fit(samples);
    List<HiddenEncoder> encoders = allFamilies(samples);
    SplittableRandom random = new SplittableRandom(4);
    for (int k = 0; k < 3_000; k++) {
      double[] hidden = new double[samples.width()];
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = probe(random, k < EXTREMES.length ? k : EXTREMES.length + random.nextInt(1_000_000));
      }
      assertThat(pooled.logLikelihood(hidden)).isFinite();
      for (HiddenEncoder encoder : encoders) {
        for (int c = 0; c < encoder.numClasses(); c++) {
          assertThat(encoder.logLikelihood(hidden, c)).as("%s class %d", encoder.family(), c).isFinite();
        }
      }
    }
  }

  @Test
  void fitsOnRealisticActivationsScoreFinitely() {
    SplittableRandom random = new SplittableRandom(6);
    for (HiddenSamples samples : List.of(
        SyntheticHidden.sigmoidLike(2_000, 8, 3, 5), SyntheticHidden.reluLike(2_000, 8, 3, 5))) {
      for (HiddenEncoder encoder : allFamilies(samples)) {
        for (int k = 0; k < 1_000; k++) {
          assertThat(encoder.logDensity(k % 3, k % 8, probe(random, k))).as(encoder.family()).isFinite();
          assertThat(encoder.logLikelihood(samples.hidden()[k], k % 3)).as(encoder.family()).isFinite();
        }
      }
    }
  }

  @Test
  void logLikelihoodIsTheSumOfTheNodesLogDensities() {
    HiddenSamples samples = SyntheticHidden.reluLike(3_000, 40, 3, 12);
    PooledMixtureEncoder pooled = PooledMixtureFitter.defaults().fit(samples);
    List<HiddenEncoder> encoders = allFamilies(samples);
    SplittableRandom random = new SplittableRandom(13);
    for (int k = 0; k < 2_000; k++) {
      double[] hidden = k % 2 == 0 ? samples.hidden()[k].clone() : new double[samples.width()];
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = random.nextInt(8) == 0 ? probe(random, random.nextInt(100_000)) : hidden[i];
      }
      for (HiddenEncoder encoder : encoders) {
        double sum = 0;
        for (int i = 0; i < hidden.length; i++) {
          sum += encoder.logDensity(k % 3, i, hidden[i]);
        }
        assertThat(encoder.logLikelihood(hidden, k % 3)).as(encoder.family()).isCloseTo(sum, within(1e-9 * (1 + Math.abs(sum))));
      }
      double pooledSum = 0;
      for (int i = 0; i < hidden.length; i++) {
        pooledSum += pooled.logDensity(i, hidden[i]);
      }
      assertThat(pooled.logLikelihood(hidden)).isCloseTo(pooledSum, within(1e-9 * (1 + Math.abs(pooledSum))));
    }
  }
}
