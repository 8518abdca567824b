package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.LogisticRegression;
import org.junit.jupiter.api.Test;

class PrimaryScoreTest {
  // log-odds = softmax log-odds (weights 1 and 0, no standardisation): easy to compute by hand
  private static final LogisticRegression.Model SOFTMAX_ONLY =
      new LogisticRegression.Model(0, new double[] {1, 0}, new double[] {0, 0}, new double[] {1, 1});
  private static final double[] REFERENCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19};

  @Test
  void pValueCountsReferenceScoresAtOrBelowWithOnePseudoObservation() {
    PrimaryScore primary = new PrimaryScore(ScoreName.MAHALANOBIS, SOFTMAX_ONLY, 0.2, REFERENCE);
    assertThat(primary.pValue(0)).isEqualTo(1.0 / 20);
    assertThat(primary.pValue(3)).isEqualTo(4.0 / 20);
    assertThat(primary.pValue(100)).isEqualTo(1.0);
  }

  @Test
  void insideTheBulkItIsTheLogProbabilityOfTheLogisticModel() {
    PrimaryScore primary = new PrimaryScore(ScoreName.MAHALANOBIS, SOFTMAX_ONLY, 0.2, REFERENCE);
    // density 10 has p = 11/20 >= 0.2: gate open
    assertThat(primary.score(2, 10)).isCloseTo(Math.log(1 / (1 + Math.exp(-2))), within(1e-12));
  }

  @Test
  void inTheTailTheGateLowersTheScoreByTheLogOfPOverAlpha() {
    PrimaryScore primary = new PrimaryScore(ScoreName.MAHALANOBIS, SOFTMAX_ONLY, 0.2, REFERENCE);
    double open = primary.score(2, 10);
    // density 0: p = 1/20 = 0.05, a quarter of alpha
    assertThat(primary.score(2, 0)).isCloseTo(open + Math.log(0.25), within(1e-12));
  }

  @Test
  void alphaZeroTurnsTheGateOff() {
    PrimaryScore primary = new PrimaryScore(ScoreName.MAHALANOBIS, SOFTMAX_ONLY, 0, REFERENCE);
    assertThat(primary.score(2, -1e9)).isEqualTo(primary.score(2, 10));
  }

  @Test
  void staysFiniteAndOrderedForHugeLogOdds() {
    PrimaryScore primary = new PrimaryScore(ScoreName.MAHALANOBIS, SOFTMAX_ONLY, 0, REFERENCE);
    assertThat(primary.score(40, 10)).isFinite().isLessThan(primary.score(50, 10));
    assertThat(primary.score(-1e300, 10)).isFinite();
  }

  @Test
  void rejectsSoftmaxAsItsOwnDensity() {
    assertThatThrownBy(() -> new PrimaryScore(ScoreName.SOFTMAX, SOFTMAX_ONLY, 0.1, REFERENCE))
        .hasMessageContaining("found softmax");
  }
}
