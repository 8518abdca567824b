package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DoctorScoreTest {

  @Test
  void matchesHandComputedDiscriminants() {
    // (0, 0): p = (1/2, 1/2), ĝ = 1/4 + 1/4 = 1/2, D = (1/2)/(1/2) = 1, score = −log 1 = 0
    assertThat(DoctorScore.score(new double[] {0, 0})).isCloseTo(0, within(1e-15));
    // (log 3, 0): p = (3/4, 1/4), ĝ = 9/16 + 1/16 = 5/8, D = (3/8)/(5/8) = 3/5, score = −log 0.6
    assertThat(DoctorScore.score(new double[] {Math.log(3), 0})).isCloseTo(0.5108256237659907, within(1e-15));
    // (log 2, 0, 0): p = (1/2, 1/4, 1/4), ĝ = 1/4 + 1/16 + 1/16 = 3/8, D = (5/8)/(3/8) = 5/3, score = log 0.6
    assertThat(DoctorScore.score(new double[] {Math.log(2), 0, 0})).isCloseTo(-0.5108256237659907, within(1e-15));
    // four equal logits: ĝ = 4 · 1/16 = 1/4, D = 3 = C − 1, the lowest score, −log 3
    assertThat(DoctorScore.score(new double[] {7, 7, 7, 7})).isCloseTo(-Math.log(3), within(1e-15));
  }

  @Test
  void agreesWithTheDirectFormulaWhereItDoesNotRound() {
    Random random = new Random(4);
    for (int trial = 0; trial < 200; trial++) {
      double[] logits = new double[2 + random.nextInt(9)];
      for (int c = 0; c < logits.length; c++) {
        logits[c] = 3 * random.nextGaussian();
      }
      double g = 0;
      for (double p : SoftmaxScores.softmax(logits)) {
        g += p * p;
      }
      double direct = -Math.log((1 - g) / g);
      assertThat(DoctorScore.score(logits)).isCloseTo(direct, within(1e-9 * Math.max(1, Math.abs(direct))));
    }
  }

  @Test
  void keepsSaturatedLogitsRankedWhereOneMinusGRoundsToZero() {
    // (1000, 0): the other p is e^-1000, D ≈ 2 e^-1000, score = 1000 − log 2
    assertThat(DoctorScore.score(new double[] {1000, 0})).isCloseTo(1000 - Math.log(2), within(1e-12));
    // (800, 0, 0): two others of e^-800 each, D ≈ 2 · 2 e^-800, score = 800 − log 4
    assertThat(DoctorScore.score(new double[] {800, 0, 0})).isCloseTo(800 - Math.log(4), within(1e-12));
    assertThat(DoctorScore.score(new double[] {1001, 0})).isGreaterThan(DoctorScore.score(new double[] {1000, 0}));
    assertThat(1 - Math.pow(SoftmaxScores.maxSoftmax(new double[] {1000, 0}), 2)).as("the direct 1 − ĝ").isZero();
  }

  @Test
  void staysFiniteForOneClassAndForLogitsAcrossTheWholeDoubleRange() {
    assertThat(DoctorScore.score(new double[] {3})).isEqualTo(Double.MAX_VALUE);
    assertThat(DoctorScore.score(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE})).isEqualTo(Double.MAX_VALUE);
    assertThat(DoctorScore.score(new double[] {Double.MAX_VALUE, Double.MAX_VALUE})).isCloseTo(0, within(1e-15));
  }

  @Test
  void rejectsNonFiniteLogitsNamingTheEntry() {
    assertThatThrownBy(() -> DoctorScore.score(new double[] {0, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("logits[1] must be finite, found Infinity");
    assertThatThrownBy(() -> DoctorScore.score(new double[0])).hasMessage("logits must not be empty");
  }
}
