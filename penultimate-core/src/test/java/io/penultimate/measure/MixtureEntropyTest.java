package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.GaussianMixture1D;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MixtureEntropyTest {

  private static GaussianMixture1D gaussian(double mean, double variance) {
    return new GaussianMixture1D(new double[] {1}, new double[] {mean}, new double[] {variance});
  }

  @Test
  void integratesASingleGaussianToItsClosedFormEntropy() {
    for (double variance : new double[] {1e-6, 0.01, 1, 400}) {
      double exact = 0.5 * Math.log(2 * Math.PI * Math.E * variance);
      assertThat(MixtureEntropy.numerical(gaussian(3, variance))).as("σ²=%s", variance).isCloseTo(exact, within(1e-10));
      // The eq. 2 bound is exact for one component; the overlap bound sits ½(1 − ln 2) below.
      assertThat(MixtureEntropy.paperApproximation(gaussian(3, variance))).isCloseTo(exact, within(1e-12));
      assertThat(MixtureEntropy.overlapLowerBound(gaussian(3, variance)))
          .isCloseTo(exact - 0.5 * (1 - Math.log(2)), within(1e-12));
    }
  }

  @Test
  void computesTheCorrectedPaperFormulaByHand() {
    // N(0,1), N(2,1), equal weights: ¼[2(½ + ½ log 2π) + 2((4 + 1)/2 + ½ log 2π)] = 1.5 + ½ log 2π.
    GaussianMixture1D p = new GaussianMixture1D(new double[] {0.5, 0.5}, new double[] {0, 2}, new double[] {1, 1});
    assertThat(MixtureEntropy.paperApproximation(p)).isCloseTo(1.5 + 0.5 * Math.log(2 * Math.PI), within(1e-14));
  }

  @Test
  void resolvesANarrowComponentInsideAWideOne() {
    GaussianMixture1D p = new GaussianMixture1D(new double[] {0.3, 0.7}, new double[] {0, 0.5}, new double[] {1e-4, 1});
    assertThat(MixtureEntropy.numerical(p)).isCloseTo(simpson(p, -9, 10, 4_000_000), within(1e-9));
  }

  @Test
  void liesBetweenTheTwoBoundsForRandomMixtures() {
    for (long seed = 1; seed <= 30; seed++) {
      GaussianMixture1D p = randomMixture(new Random(seed));
      double h = MixtureEntropy.numerical(p);
      assertThat(h).as("seed %d: %s", seed, p)
          .isBetween(MixtureEntropy.overlapLowerBound(p), MixtureEntropy.paperApproximation(p));
    }
  }

  static GaussianMixture1D randomMixture(Random random) {
    int k = 1 + random.nextInt(4);
    double[] w = new double[k];
    double[] mu = new double[k];
    double[] var = new double[k];
    double sum = 0;
    for (int j = 0; j < k; j++) {
      w[j] = 0.05 + random.nextDouble();
      sum += w[j];
      mu[j] = random.nextDouble();
      var[j] = Math.pow(10, -3 + 2 * random.nextDouble()); // σ from 0.03 to 0.3, like sigmoid outputs
    }
    for (int j = 0; j < k; j++) {
      w[j] /= sum;
    }
    return new GaussianMixture1D(w, mu, var);
  }

  /** Composite Simpson rule for −∫ p log p on [a, b] with an even number of steps: an independent oracle. */
  private static double simpson(GaussianMixture1D p, double a, double b, int steps) {
    double step = (b - a) / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double lp = p.logDensity(a + i * step);
      double f = -Math.exp(lp) * lp;
      sum += (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2) * f;
    }
    return sum * step / 3;
  }
}
