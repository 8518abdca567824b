package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrustScoreTest {
  @Test
  void atNoAssumedOodShareTheTrustIsTheConfidence() {
    assertThat(new TrustScore(0, 0.1).trust(0.83, Math.log(1e-9))).isEqualTo(0.83);
  }

  @Test
  void discountsTheConfidenceByTheBetaUniformPosteriorOfBeingInDistribution() {
    TrustScore trust = new TrustScore(0.5, 0.5);
    // kappa = 1, a = 0.5, u = 0.25: a * u^(a-1) = 0.5 * 0.25^-0.5 = 1 -> trust = c / 2
    assertThat(trust.trust(0.9, Math.log(0.25))).isCloseTo(0.45, within(1e-12));
    // u = 1: a * 1 = 0.5 -> c / 1.5
    assertThat(trust.trust(0.9, 0)).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void aSmallerPValueAlwaysLowersTheTrust() {
    TrustScore trust = new TrustScore(0.1, 0.1);
    assertThat(trust.trust(0.9, Math.log(1e-3))).isLessThan(trust.trust(0.9, Math.log(1e-2)));
  }

  @Test
  void staysFiniteAndNonNegativeAtTheLogPValueFloor() {
    double value = new TrustScore(0.5, 0.1).trust(1, ConformalPValue.LOG_FLOOR);
    assertThat(value).isNotNaN().isGreaterThanOrEqualTo(0);
  }

  @Test
  void rejectsSharesAndPowersOutsideTheirRanges() {
    assertThatThrownBy(() -> new TrustScore(1, 0.1)).hasMessageContaining("[0, 1)");
    assertThatThrownBy(() -> new TrustScore(0.1, 0)).hasMessageContaining("(0, 1]");
  }
}
