package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class DeLongTest {

  @Test
  void matchesBruteForcePlacementVarianceOnRandomScoresWithTies() {
    for (long seed = 1; seed <= 20; seed++) {
      Samples s = Samples.random(seed, 50, 0.25);
      DeLong.AurocEstimate estimate = DeLong.of(s.scores(), s.positives());
      assertThat(estimate.auroc()).as("seed %d", seed).isCloseTo(BruteForce.auroc(s.scores(), s.positives()), within(1e-12));
      assertThat(estimate.variance()).as("seed %d", seed)
          .isCloseTo(BruteForce.delongCovariance(s.scores(), s.scores(), s.positives()), within(1e-14));
    }
  }

  @Test
  void givesTheHanleyAndMcNeilAreaWithAStandardErrorNearTheirs() {
    Samples ct = HanleyMcNeil.ctRatings();
    DeLong.AurocEstimate estimate = DeLong.of(ct.scores(), ct.positives());
    assertThat(estimate.auroc()).isCloseTo(0.893, within(5e-4));
    // DeLong's SE is 0.0307 (brute force, 5 digits); Hanley & McNeil's exponential approximation gives 0.032.
    assertThat(Math.sqrt(estimate.variance())).isCloseTo(0.030724, within(1e-6)).isCloseTo(0.032, within(0.002));
    assertThat(estimate.lower95()).isCloseTo(estimate.auroc() - 1.959964 * 0.030724, within(1e-5));
    assertThat(estimate.upper95()).isCloseTo(estimate.auroc() + 1.959964 * 0.030724, within(1e-5));
  }

  @Test
  void clipsTheIntervalOfASingleAurocToTheUnitInterval() {
    // One swapped pair out of nine: AUROC 8/9, but the normal interval reaches past 1.
    double[] scores = {0.9, 0.8, 0.3, 0.7, 0.2, 0.1};
    boolean[] positives = {true, true, true, false, false, false};
    DeLong.AurocEstimate estimate = DeLong.of(scores, positives);
    assertThat(estimate.auroc()).isCloseTo(8.0 / 9, within(1e-15));
    assertThat(estimate.auroc() + 1.96 * Math.sqrt(estimate.variance())).isGreaterThan(1);
    assertThat(estimate.upper95()).isEqualTo(1);
  }

  @Test
  void hasZeroVarianceForAPerfectSeparation() {
    DeLong.AurocEstimate estimate = DeLong.of(new double[] {3, 4, 1, 2}, new boolean[] {true, true, false, false});
    assertThat(estimate).isEqualTo(new DeLong.AurocEstimate(1, 0, 1, 1));
  }

  @Test
  void matchesBruteForceCovarianceForAPairedDifference() {
    for (long seed = 1; seed <= 20; seed++) {
      Samples s = Samples.random(seed, 50, 0.25);
      double[] other = Samples.random(seed + 1000, 50, 0.5).scores(); // same length, correlated with nothing
      double[] b = new double[other.length];
      for (int i = 0; i < b.length; i++) {
        b[i] = s.scores()[i] + other[i]; // shares the labels' signal through s
      }
      DeLong.PairedDifference d = DeLong.paired(s.scores(), b, s.positives());
      double variance = BruteForce.delongCovariance(s.scores(), s.scores(), s.positives())
          + BruteForce.delongCovariance(b, b, s.positives())
          - 2 * BruteForce.delongCovariance(s.scores(), b, s.positives());
      double difference = BruteForce.auroc(s.scores(), s.positives()) - BruteForce.auroc(b, s.positives());
      double z = difference / Math.sqrt(variance);
      assertThat(d.difference()).as("seed %d", seed).isCloseTo(difference, within(1e-12));
      assertThat(d.standardError()).as("seed %d", seed).isCloseTo(Math.sqrt(variance), within(1e-12));
      assertThat(d.pValue()).as("seed %d", seed)
          .isCloseTo(2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z)), within(1e-9));
      assertThat(d.lower95()).isCloseTo(difference - 1.959964 * Math.sqrt(variance), within(1e-6));
      assertThat(d.upper95()).isCloseTo(difference + 1.959964 * Math.sqrt(variance), within(1e-6));
    }
  }

  @Test
  void doublesTheStandardErrorWhenTheSecondScoreIsTheFirstReversed() {
    // Reversing a score maps every placement value v to 1 − v, so Cov(A, B) = −Var(A) and
    // Var(A − B) = 4 Var(A).
    Samples s = Samples.random(7, 40, 0.25);
    double[] reversed = new double[s.scores().length];
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = -s.scores()[i];
    }
    DeLong.AurocEstimate a = DeLong.of(s.scores(), s.positives());
    DeLong.PairedDifference d = DeLong.paired(s.scores(), reversed, s.positives());
    assertThat(d.aurocB()).isCloseTo(1 - a.auroc(), within(1e-12));
    assertThat(d.difference()).isCloseTo(2 * a.auroc() - 1, within(1e-12));
    assertThat(d.standardError()).isCloseTo(2 * Math.sqrt(a.variance()), within(1e-12));
  }

  @Test
  void findsNoDifferenceBetweenIdenticalScores() {
    Samples s = Samples.random(3, 30, 0.25);
    DeLong.PairedDifference d = DeLong.paired(s.scores(), s.scores(), s.positives());
    assertThat(d.difference()).isZero();
    assertThat(d.standardError()).isZero();
    assertThat(d.pValue()).isEqualTo(1);
  }

  @Test
  void rejectsFewerThanTwoSamplesInAClass() {
    assertThatThrownBy(() -> DeLong.of(new double[] {1, 2, 3}, new boolean[] {true, false, false}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 1 and 2");
    assertThatThrownBy(() -> DeLong.paired(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3}, new boolean[] {true, true, false, false}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 vs 3");
  }
}
