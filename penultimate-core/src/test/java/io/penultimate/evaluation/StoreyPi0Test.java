package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StoreyPi0Test {

  /** Seeded p-values: every fifth OOD, drawn from Beta(shape, 1) as U^(1/shape); the rest uniform. */
  static double[] mixture(long seed, int n, double shape) {
    Random random = new Random(seed);
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = i % 5 == 0 ? Math.pow(random.nextDouble(), 1 / shape) : random.nextDouble();
    }
    return p;
  }

  @Test
  void countsThePValuesAboveLambdaAgainstTheUniformExpectation() {
    double[] p = {0.01, 0.02, 0.6, 0.9, 0.3, 0.04, 0.2, 0.03, 0.8, 0.01};
    // Above 1/2: .6, .9, .8 → 3 / (10 · 0.5); above 1/4: also .3 → 4 / (10 · 0.75).
    assertThat(StoreyPi0.pi0(p, 0.5)).isCloseTo(0.6, within(1e-15));
    assertThat(StoreyPi0.oodShare(p, 0.5)).isCloseTo(0.4, within(1e-15));
    assertThat(StoreyPi0.pi0(p, 0.25)).isCloseTo(4 / 7.5, within(1e-15));
  }

  @Test
  void countsOnlyPValuesStrictlyAboveLambdaAndCapsTheShareAtOne() {
    assertThat(StoreyPi0.pi0(new double[] {0.5, 0.5, 1, 0}, 0.5)).isEqualTo(0.5);
    assertThat(StoreyPi0.pi0(new double[] {0.9, 0.7, 0.6}, 0.5)).isEqualTo(1);
    assertThat(StoreyPi0.oodShare(new double[] {0.9, 0.7, 0.6}, 0.5)).isZero();
  }

  @Test
  void estimatesATwentyPercentOodShareWithinThreePointsWhenOodPValuesSitNearZero() {
    // Beta(0.02, 1): 94% of the OOD p-values below 0.05, as from a good detector. Expected estimate
    // 0.2 − 0.2 (1 − 0.5^0.02) / 0.5 = 0.1945, standard error 0.014. Seed 1, chosen before looking.
    assertThat(StoreyPi0.oodShare(mixture(1, 5000, 0.02), StoreyPi0.DEFAULT_LAMBDA)).isCloseTo(0.2, within(0.03));
  }

  @Test
  void underestimatesTheOodShareByTheOodPValuesAboveLambda() {
    // Beta(0.1, 1): a share 1 − 0.5^0.1 = 0.067 of OOD p-values lies above 1/2 and counts as in-distribution,
    // so the estimate's expectation is 0.2 − 0.2 · 0.067 / 0.5 = 0.1732 (standard error 0.014). Seed 1.
    double expected = 0.2 - 0.2 * (1 - Math.pow(0.5, 0.1)) / 0.5;
    assertThat(expected).isCloseTo(0.1732, within(1e-4));
    assertThat(StoreyPi0.oodShare(mixture(1, 5000, 0.1), StoreyPi0.DEFAULT_LAMBDA)).isCloseTo(expected, within(0.03));
  }

  @Test
  void rejectsPValuesOutsideTheUnitIntervalAndLambdaOutsideItsRange() {
    assertThatThrownBy(() -> StoreyPi0.pi0(new double[] {0.2, 1.5}, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p-value 1").hasMessageContaining("1.5");
    assertThatThrownBy(() -> StoreyPi0.pi0(new double[] {Double.NaN}, 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> StoreyPi0.pi0(new double[0], 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
    assertThatThrownBy(() -> StoreyPi0.pi0(new double[] {0.2}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda").hasMessageContaining("1.0");
    assertThatThrownBy(() -> StoreyPi0.pi0(new double[] {0.2}, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
  }
}
