package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OodMetricsTest {

  private static final double[] ONE_TO_TWENTY = IntStream.rangeClosed(1, 20).asDoubleStream().toArray();

  @Test
  void keepsNineteenOfTwentyScoresAtNinetyFivePercent() {
    assertThat(OodMetrics.thresholdAtTpr(ONE_TO_TWENTY, 0.95)).isEqualTo(2);
    assertThat(OodMetrics.thresholdAtTpr(ONE_TO_TWENTY, 0.9)).isEqualTo(3);
    assertThat(OodMetrics.thresholdAtTpr(ONE_TO_TWENTY, 1)).isEqualTo(1);
  }

  @Test
  void roundsTheKeptCountUpSoAtLeastTheAskedShareIsKept() {
    // 0.5 of 3 → keep 2 → threshold is the second largest.
    assertThat(OodMetrics.thresholdAtTpr(new double[] {10, 30, 20}, 0.5)).isEqualTo(20);
  }

  @Test
  void keepsAllPositivesTiedAtTheThreshold() {
    // Keeping 2 of 4 lands on the tie at 2, so 3 of 4 are kept.
    double[] scores = {1, 2, 2, 3};
    assertThat(OodMetrics.thresholdAtTpr(scores, 0.5)).isEqualTo(2);
    assertThat(OodMetrics.fprAtTpr(scores, scores, 0.5)).isEqualTo(0.75);
  }

  @Test
  void countsOutOfDistributionScoresAtTheThresholdAsFalsePositives() {
    double[] out = {0, 1.5, 2, 2.5, 25};
    // Threshold 2 at 95% TPR: 2, 2.5 and 25 are kept.
    assertThat(OodMetrics.fprAtTpr(ONE_TO_TWENTY, out, 0.95)).isEqualTo(0.6);
  }

  @Test
  void isZeroWhenEveryOutlierScoresBelowTheInliers() {
    assertThat(OodMetrics.fprAtTpr(ONE_TO_TWENTY, new double[] {-5, 0.5, 1.99}, 0.95)).isZero();
  }

  @Test
  void rejectsAShareOutsideTheUnitIntervalAndEmptyOrNanScores() {
    assertThatThrownBy(() -> OodMetrics.thresholdAtTpr(ONE_TO_TWENTY, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0.0");
    assertThatThrownBy(() -> OodMetrics.thresholdAtTpr(ONE_TO_TWENTY, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> OodMetrics.thresholdAtTpr(ONE_TO_TWENTY, 1.01))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.01");
    assertThatThrownBy(() -> OodMetrics.thresholdAtTpr(new double[0], 0.95))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
    assertThatThrownBy(() -> OodMetrics.fprAtTpr(ONE_TO_TWENTY, new double[] {Double.NaN}, 0.95))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }

  @Test
  void poolsInDistributionScoresFirstAsPositives() {
    OodMetrics.Pooled pooled = OodMetrics.pool(new double[] {0.9, 0.8}, new double[] {0.1});
    assertThat(pooled.scores()).containsExactly(0.9, 0.8, 0.1);
    assertThat(pooled.inDistribution()).containsExactly(true, true, false);
  }
}
