package io.penultimate.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  @Test
  void recoversKnownCoefficientsFromASeededSample() {
    Random random = new Random(11);
    int n = 20000;
    double[][] x = new double[n][2];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = random.nextGaussian();
      x[i][1] = 3 + 2 * random.nextGaussian();
      double eta = -0.5 + 1.5 * x[i][0] - 0.25 * (x[i][1] - 3);
      y[i] = random.nextDouble() < LogisticRegression.sigmoid(eta);
    }
    LogisticRegression.Model model = LogisticRegression.fit(x, y, 0);
    // coefficients are on standardised features: w_j = β_j · sd_j
    assertThat(model.weights()[0] / model.scales()[0]).isCloseTo(1.5, within(0.08));
    assertThat(model.weights()[1] / model.scales()[1]).isCloseTo(-0.25, within(0.03));
    assertThat(model.logOdds(new double[] {0, 3})).isCloseTo(-0.5, within(0.06));
  }

  @Test
  void separableDataConvergeToFiniteWeightsWithAPenalty() {
    double[][] x = {{-2}, {-1}, {1}, {2}};
    boolean[] y = {false, false, true, true};
    LogisticRegression.Model model = LogisticRegression.fit(x, y, 1e-3);
    assertThat(model.weights()[0]).isFinite().isPositive();
    assertThat(model.probability(new double[] {2})).isGreaterThan(0.9);
  }

  @Test
  void sigmoidIsExactAtZeroAndNeverNaNAtTheExtremes() {
    assertThat(LogisticRegression.sigmoid(0)).isEqualTo(0.5);
    assertThat(LogisticRegression.sigmoid(1e308)).isEqualTo(1.0);
    assertThat(LogisticRegression.sigmoid(-1e308)).isEqualTo(0.0);
  }
}
