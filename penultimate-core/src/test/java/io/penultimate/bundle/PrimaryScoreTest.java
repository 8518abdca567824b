package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.LogisticRegression;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimaryScoreTest {
  // log-odds = softmax log-odds (weights 1 and 0, no standardisation): easy to compute by hand
  private static final LogisticRegression.Model SOFTMAX_ONLY =
      new LogisticRegression.Model(0, new double[] {1, 0}, new double[] {0, 0}, new double[] {1, 1});
  private static final double[] REFERENCE = new double[100];

  static {
    for (int i = 0; i < REFERENCE.length; i++) {
      REFERENCE[i] = i + 1; // 1..100
    }
  }

  private static final DensityTail MAHALANOBIS_TAIL = DensityTail.fit(ScoreName.MAHALANOBIS, REFERENCE);

  private static double[] scoresWithMahalanobis(double value) {
    double[] scores = new double[ScoreName.values().length];
    scores[ScoreName.MAHALANOBIS.ordinal()] = value;
    return scores;
  }

  @Test
  void insideTheBulkItIsTheLogProbabilityOfTheLogisticModel() {
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0.01, List.of(MAHALANOBIS_TAIL));
    assertThat(primary.score(2, scoresWithMahalanobis(50))).isCloseTo(Math.log(1 / (1 + Math.exp(-2))), within(1e-12));
  }

  @Test
  void inTheTailTheGateLowersTheScoreByTheLogOfPOverAlpha() {
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0.2, List.of(MAHALANOBIS_TAIL));
    double open = primary.score(2, scoresWithMahalanobis(90));
    // density 10: p = 11/101 below alpha 0.2
    assertThat(primary.score(2, scoresWithMahalanobis(10))).isCloseTo(open + Math.log((11.0 / 101) / 0.2), within(1e-12));
  }

  @Test
  void fallsWithoutBoundTheFurtherOutTheDensityIs() {
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0.01, List.of(MAHALANOBIS_TAIL));
    double far = primary.score(2, scoresWithMahalanobis(-100));
    double farther = primary.score(2, scoresWithMahalanobis(-1000));
    assertThat(farther).isLessThan(far).isFinite();
  }

  @Test
  void scoresABatchFromTheColumnsItReadsAlone() {
    DensityTail gaussian = DensityTail.fit(ScoreName.GAUSSIAN, REFERENCE);
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0.2, List.of(MAHALANOBIS_TAIL, gaussian));
    double[] softmaxLogOdds = {2, -1, 0.5};
    double[] mahalanobis = {10, 90, -5};
    double[] gaussians = {90, 3, 50};

    double[] batch = primary.scoreAll(softmaxLogOdds, Map.of(ScoreName.MAHALANOBIS, mahalanobis, ScoreName.GAUSSIAN, gaussians));

    for (int i = 0; i < batch.length; i++) {
      double[] row = scoresWithMahalanobis(mahalanobis[i]);
      row[ScoreName.GAUSSIAN.ordinal()] = gaussians[i];
      assertThat(batch[i]).isEqualTo(primary.score(softmaxLogOdds[i], row));
    }
  }

  @Test
  void combinesSeveralGateDensitiesWithBonferroni() {
    DensityTail gaussian = DensityTail.fit(ScoreName.GAUSSIAN, REFERENCE);
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0.2, List.of(MAHALANOBIS_TAIL, gaussian));
    double[] scores = scoresWithMahalanobis(10);
    scores[ScoreName.GAUSSIAN.ordinal()] = 90;
    assertThat(primary.logPValue(scores)).isCloseTo(Math.log(11.0 / 101) + Math.log(2), within(1e-12));
  }

  @Test
  void alphaZeroTurnsTheGateOff() {
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0, List.of(MAHALANOBIS_TAIL));
    assertThat(primary.score(2, scoresWithMahalanobis(-1e9))).isEqualTo(primary.score(2, scoresWithMahalanobis(50)));
  }

  @Test
  void staysFiniteAndOrderedForHugeInputs() {
    PrimaryScore primary = new PrimaryScore(SOFTMAX_ONLY, 0.01, List.of(MAHALANOBIS_TAIL));
    assertThat(primary.score(40, scoresWithMahalanobis(50))).isFinite().isLessThan(primary.score(50, scoresWithMahalanobis(50)));
    assertThat(primary.score(-1e300, scoresWithMahalanobis(-Double.MAX_VALUE))).isFinite();
  }

  @Test
  void rejectsAnAlphaOutsideTheUnitInterval() {
    assertThatThrownBy(() -> new PrimaryScore(SOFTMAX_ONLY, 1.5, List.of(MAHALANOBIS_TAIL))).hasMessageContaining("found 1.5");
  }
}
