package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxScoresTest {

  @Test
  void matchesHandComputedSoftmax() {
    // e^1, e^2, e^3 normalised by their sum 30.19287485057736
    assertThat(SoftmaxScores.softmax(new double[] {1, 2, 3}))
        .containsExactly(
            new double[] {0.09003057317038046, 0.24472847105479764, 0.6652409557748219},
            within(1e-15));
    assertThat(SoftmaxScores.maxSoftmax(new double[] {1, 2, 3})).isCloseTo(0.6652409557748219, within(1e-15));
  }

  @Test
  void givesOneOverClassCountForEqualLogits() {
    assertThat(SoftmaxScores.maxSoftmax(new double[] {5, 5, 5, 5})).isEqualTo(0.25);
  }

  @Test
  void staysFiniteForHugeLogits() {
    // softmax(1000, 1001) = (1, e) / (1 + e); exp(1001) alone would overflow
    double[] p = SoftmaxScores.softmax(new double[] {1000, 1001});
    assertThat(p).containsExactly(new double[] {0.2689414213699951, 0.7310585786300049}, within(1e-15));
    assertThat(SoftmaxScores.maxSoftmax(new double[] {1000, 1001})).isCloseTo(0.7310585786300049, within(1e-15));
    assertThat(SoftmaxScores.softmax(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE})).containsExactly(0, 1);
  }

  @Test
  void maxLogitIsTheLargestLogit() {
    assertThat(SoftmaxScores.maxLogit(new double[] {1, 5, -2})).isEqualTo(5);
    assertThat(SoftmaxScores.maxLogit(new double[] {-3, -1})).isEqualTo(-1);
  }

  @Test
  void maxLogitRanksALargerLogitVectorHigherWhereTheMaxSoftmaxTies() {
    // (2, 0) and (4, 2) have the same softmax, 1/(1 + e^-2) = 0.8807970779778823, but logits 2 and 4
    double[] small = {2, 0};
    double[] large = {4, 2};

    assertThat(SoftmaxScores.maxSoftmax(large)).isCloseTo(SoftmaxScores.maxSoftmax(small), within(1e-15));
    assertThat(SoftmaxScores.maxLogit(large)).isGreaterThan(SoftmaxScores.maxLogit(small));
    assertThatThrownBy(() -> SoftmaxScores.maxLogit(new double[] {0, Double.NaN})).hasMessage("logits[1] must be finite, found NaN");
  }

  @Test
  void predictsLowestIndexOnTies() {
    assertThat(SoftmaxScores.predicted(new double[] {1, 3, 3})).isEqualTo(1);
    assertThat(SoftmaxScores.predicted(new double[] {2, 2})).isZero();
  }

  @Test
  void scoresBatchesRowByRow() {
    double[][] batch = {{1, 2, 3}, {1000, 1001}, {0}};
    assertThat(SoftmaxScores.softmax(batch)[1]).isEqualTo(SoftmaxScores.softmax(batch[1]));
    assertThat(SoftmaxScores.maxSoftmax(batch))
        .containsExactly(
            SoftmaxScores.maxSoftmax(batch[0]), SoftmaxScores.maxSoftmax(batch[1]), 1.0);
    assertThat(SoftmaxScores.predicted(batch)).containsExactly(2, 1, 0);
  }

  @Test
  void rejectsNonFiniteLogitsNamingTheEntry() {
    assertThatThrownBy(() -> SoftmaxScores.maxSoftmax(new double[] {0, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("logits[1] must be finite, found NaN");
    assertThatThrownBy(() -> SoftmaxScores.predicted(new double[] {Double.POSITIVE_INFINITY}))
        .hasMessage("logits[0] must be finite, found Infinity");
    assertThatThrownBy(() -> SoftmaxScores.softmax(new double[0])).hasMessage("logits must not be empty");
  }
}
