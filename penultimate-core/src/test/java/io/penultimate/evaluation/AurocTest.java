package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AurocTest {

  @Test
  void isTheShareOfPositiveNegativePairsRankedCorrectly() {
    // scikit-learn's roc_auc_score doc example: 3 of the 4 pairs are ordered correctly.
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    boolean[] positives = {false, false, true, true};
    assertThat(Auroc.of(scores, positives)).isEqualTo(0.75);
  }

  @Test
  void countsTiesAsHalfInAuroc() {
    assertThat(Auroc.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, true, false})).isEqualTo(0.5);
    // Pairs (pos, neg): (2,1)=1, (2,2)=½, (3,1)=1, (3,2)=1 → 3.5 / 4.
    assertThat(Auroc.of(new double[] {2, 3, 1, 2}, new boolean[] {true, true, false, false})).isEqualTo(0.875);
  }

  @Test
  void reproducesHanleyAndMcNeilCtRatingArea() {
    Samples ct = HanleyMcNeil.ctRatings();
    // Hanley & McNeil (1982), Table 1: area 0.893; exactly 2642 / (51·58).
    assertThat(Auroc.of(ct.scores(), ct.positives())).isCloseTo(2642.0 / 2958, within(1e-15)).isCloseTo(0.893, within(5e-4));
  }

  @Test
  void agreesWithPairCountingOnRandomScoresWithTies() {
    for (long seed = 1; seed <= 20; seed++) {
      Samples s = Samples.random(seed, 60, 0.25);
      assertThat(Auroc.of(s.scores(), s.positives())).as("seed %d", seed)
          .isCloseTo(BruteForce.auroc(s.scores(), s.positives()), within(1e-12));
    }
  }

  @Test
  void treatsNegativeAndPositiveZeroAsTied() {
    assertThat(Auroc.of(new double[] {0.0, -0.0}, new boolean[] {true, false})).isEqualTo(0.5);
  }

  @Test
  void ranksInfiniteScoresLikeAnyOther() {
    double[] scores = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, Double.POSITIVE_INFINITY};
    boolean[] positives = {false, true, false, true};
    // Pairs: (-∞,-∞)=½, (-∞,0)=0, (+∞,-∞)=1, (+∞,0)=1 → 2.5 / 4.
    assertThat(Auroc.of(scores, positives)).isEqualTo(0.625);
  }

  @Test
  void rejectsNanScoresAndEmptyClasses() {
    assertThatThrownBy(() -> Auroc.of(new double[] {0.1, Double.NaN}, new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("score 1").hasMessageContaining("NaN");
    assertThatThrownBy(() -> Auroc.of(new double[] {0.1, 0.2}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2 and 0");
    assertThatThrownBy(() -> Auroc.of(new double[] {0.1}, new boolean[] {true, false}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 vs 2");
  }
}
