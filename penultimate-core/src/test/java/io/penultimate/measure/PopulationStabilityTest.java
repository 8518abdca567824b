package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PopulationStabilityTest {

  @Test
  void isSmallButNotZeroForCountsInTheExpectedProportions() {
    // counts 50, 30, 20 plus half a count each over 101.5: a = .497537, .300493, .201970
    // (a - e) ln(a / e): (-.002463)(-.004938) + (.000493)(.001641) + (.001970)(.009804)
    //   = 1.21633e-5 + 8.0822e-7 + 1.93182e-5 = 3.22897e-5
    double psi = PopulationStability.index(new double[] {0.5, 0.3, 0.2}, new int[] {50, 30, 20});
    assertThat(psi).isCloseTo(3.228970347e-5, within(1e-13));
  }

  @Test
  void isExactlyZeroWhenSmoothingLeavesUniformCountsUniform() {
    // (25 + .5) / (100 + 2) = .25 in every bin
    assertThat(PopulationStability.index(new double[] {0.25, 0.25, 0.25, 0.25}, new int[] {25, 25, 25, 25})).isZero();
  }

  @Test
  void matchesTheHandComputedIndexOfAShiftedDistribution() {
    // expected .25 each; counts 10, 20, 30, 40 smoothed over 102: a = .102941, .200980, .299020, .397059
    // terms: (-.147059)(-.887303) = .130486, (-.049020)(-.218254) = .010699,
    //        (.049020)(.179048) = .008777, (.147059)(.462624) = .068033; sum = .217994
    double psi = PopulationStability.index(new double[] {0.25, 0.25, 0.25, 0.25}, new int[] {10, 20, 30, 40});
    assertThat(psi).isCloseTo(0.2179942131527476, within(1e-12));
  }

  @Test
  void keepsAnEmptyBinFiniteThroughTheHalfCount() {
    // counts 100, 0 over 101: a = 100.5/101 = .995050, .5/101 = .004950
    // (.495050)(ln 1.990099 = .688184) + (-.495050)(ln .009901 = -4.615121) = .340685 + 2.284713 = 2.625398
    double psi = PopulationStability.index(new double[] {0.5, 0.5}, new int[] {100, 0});
    assertThat(psi).isFinite().isCloseTo(2.6253984693361763, within(1e-12));
  }

  @Test
  void staysFiniteWhenTrainingLeftABinEmpty() {
    assertThat(PopulationStability.index(new double[] {1, 0}, new int[] {3, 7})).isFinite().isPositive();
  }

  @Test
  void isUndefinedWithoutObservations() {
    assertThat(PopulationStability.index(new double[] {0.5, 0.5}, new int[] {0, 0})).isNaN();
    assertThat(PopulationStability.index(new double[] {}, new int[] {})).isNaN();
  }

  @Test
  void rejectsCountsForADifferentNumberOfBins() {
    assertThatThrownBy(() -> PopulationStability.index(new double[] {0.5, 0.5}, new int[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 bins, found 3 counts");
  }
}
