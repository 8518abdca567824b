package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HiddenBiasTest {

  @Test
  void minimumNormSolutionReproducesTheBiasForAWideFullRankLayer() {
    Random random = new Random(11);
    double[][] w = new double[3][8];
    for (double[] row : w) {
      for (int i = 0; i < row.length; i++) {
        row[i] = random.nextGaussian();
      }
    }
    double[] b = {0.5, -1.2, 2.0};
    double[] shift = HiddenBias.minimumNorm(w, b);
    for (int k = 0; k < w.length; k++) {
      double reproduced = 0;
      for (int i = 0; i < shift.length; i++) {
        reproduced += w[k][i] * shift[i];
      }
      assertThat(reproduced).as("class %d", k).isCloseTo(b[k], within(1e-12));
    }
  }

  @Test
  void minimumNormSolutionPutsNothingOnNodesTheOutputIgnores() {
    // W = [[1,0,0],[0,2,0]]: b' = (3, 2, 0); any value on node 3 would only add norm.
    assertThat(HiddenBias.minimumNorm(new double[][] {{1, 0, 0}, {0, 2, 0}}, new double[] {3, 4}))
        .containsExactly(new double[] {3, 2, 0}, within(1e-14));
    // One class, two equal weights: the bias is split evenly.
    assertThat(HiddenBias.minimumNorm(new double[][] {{1, 1}}, new double[] {2})).containsExactly(new double[] {1, 1}, within(1e-14));
  }

  @Test
  void minimumNormSolutionIsTheLeastSquaresOneForARankDeficientLayer() {
    // Both rows read b'_1 + b'_2; the best sum for targets 1 and 3 is 2, shared evenly.
    assertThat(HiddenBias.minimumNorm(new double[][] {{1, 1}, {1, 1}}, new double[] {1, 3}))
        .containsExactly(new double[] {1, 1}, within(1e-14));
  }

  @Test
  void equalShareFitsEachNodeToItsShareOfEveryClassBias() {
    // n = 2, shares b/n = (2, 3). Node 0: (1·2 + 3·3)/(1 + 9) = 1.1; node 1: (2·2 + 0·3)/(4 + 0) = 1.
    double[][] w = {{1, 2}, {3, 0}};
    assertThat(HiddenBias.equalShare(w, new double[] {4, 6})).containsExactly(new double[] {1.1, 1}, within(1e-15));
  }

  @Test
  void equalShareGivesZeroToANodeWithNoOutgoingWeight() {
    assertThat(HiddenBias.equalShare(new double[][] {{1, 0}, {1, 0}}, new double[] {2, 4})).containsExactly(1.5, 0);
  }

  @Test
  void rejectsABiasOfTheWrongLengthAndNonFiniteWeights() {
    assertThatThrownBy(() -> HiddenBias.equalShare(new double[][] {{1, 2}}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2 for 1 rows");
    assertThatThrownBy(() -> HiddenBias.minimumNorm(new double[][] {{1, Double.NaN}}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("W row 0 entry 1");
  }
}
