package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearHeadTest {
  private static final double[][] W = {{1.5, -2, 0.25}, {0, 0.5, -1}};
  private static final double[] B = {0.3, -0.7};

  /** n hidden vectors of width 3, node 2 dead (always 0) when {@code deadLastNode}. */
  private static double[][] hidden(int n, boolean deadLastNode) {
    Random random = new Random(5);
    double[][] h = new double[n][3];
    for (double[] row : h) {
      row[0] = random.nextGaussian();
      row[1] = Math.max(0, random.nextGaussian());
      row[2] = deadLastNode ? 0 : random.nextDouble();
    }
    return h;
  }

  private static double[][] affine(double[][] hidden) {
    double[][] logits = new double[hidden.length][2];
    for (int i = 0; i < hidden.length; i++) {
      for (int c = 0; c < 2; c++) {
        logits[i][c] = B[c] + W[c][0] * hidden[i][0] + W[c][1] * hidden[i][1] + W[c][2] * hidden[i][2];
      }
    }
    return logits;
  }

  @Test
  void recoversTheHeadOfLogitsAffineInTheHiddenVectors() {
    double[][] hidden = hidden(400, false);

    LinearHead layer = LinearHead.ofAffine(hidden, affine(hidden)).orElseThrow();

    for (int c = 0; c < 2; c++) {
      assertThat(layer.weights()[c]).containsExactly(W[c], within(1e-6));
    }
    assertThat(layer.bias()).containsExactly(B, within(1e-6));
  }

  @Test
  void givesADeadNodeZeroWeightsAndKeepsTheOthersExact() {
    double[][] hidden = hidden(400, true);

    LinearHead layer = LinearHead.ofAffine(hidden, affine(hidden)).orElseThrow();

    assertThat(layer.weights()[0]).containsExactly(new double[] {1.5, -2, 0}, within(1e-6));
    assertThat(layer.weights()[1]).containsExactly(new double[] {0, 0.5, 0}, within(1e-6));
  }

  @Test
  void findsNoHeadWhenTheLogitsAreNotAffineInTheHiddenVectors() {
    double[][] hidden = hidden(400, false);
    double[][] logits = affine(hidden);
    for (int i = 0; i < hidden.length; i++) {
      logits[i][0] += hidden[i][0] * hidden[i][0];
    }

    assertThat(LinearHead.ofAffine(hidden, logits)).isEmpty();
  }
}
