package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class RelativeMahalanobisScoreTest {

  private static final double[][] MEANS = {{0, 0, 0}, {2, -1, 0.5}, {-1, 3, 1}};
  private static final double[][] COVARIANCE = {{1.0, 0.5, -0.2}, {0.5, 2.0, 0.3}, {-0.2, 0.3, 0.5}};
  private static final double RIDGE = 1e-6;

  /**
   * One node, two classes: class 0 at −2 and 0 (mean −1), class 1 at 2 and 4 (mean 3). Tied
   * variance: every sample is 1 from its class mean, Σ = 1, regularised to 1 + λ. Background: mean
   * (−2 + 0 + 2 + 4)/4 = 1, variance (9 + 1 + 1 + 9)/4 = 5, regularised to 5(1 + λ).
   */
  private static RelativeMahalanobisScore oneNode() {
    double[][] hidden = {{-2}, {0}, {2}, {4}};
    int[] labels = {0, 0, 1, 1};
    MahalanobisModel classes = new MahalanobisFitter(RIDGE).fit(hidden, labels, 2);
    return new RelativeMahalanobisScore(classes, new RelativeMahalanobisFitter(RIDGE).fit(hidden));
  }

  @Test
  void matchesHandComputedDistancesOnOneNode() {
    RelativeMahalanobisScore score = oneNode();
    double scale = 1 + RIDGE;

    // h = 1, the background mean: MD_0 = 0, min_k MD_k = min(2², 2²)/(1 + λ) = 4/(1 + λ)
    assertThat(score.backgroundDistance(new double[] {1})).isCloseTo(0, within(1e-15));
    assertThat(score.score(new double[] {1})).isCloseTo(-4 / scale, within(1e-12));
    // h = −1, class 0's mean: MD_0 = 2²/(5(1 + λ)) = 0.8/(1 + λ), min_k MD_k = 0
    assertThat(score.score(new double[] {-1})).isCloseTo(0.8 / scale, within(1e-12));
    // h = 11: MD_0 = 10²/(5(1 + λ)) = 20/(1 + λ), nearest class 1 at (11 − 3)² = 64/(1 + λ)
    assertThat(score.score(new double[] {11})).isCloseTo((20 - 64) / scale, within(1e-12));
  }

  @Test
  void ranksAClassMeanAboveThePointBetweenTheClasses() {
    RelativeMahalanobisScore score = oneNode();

    assertThat(score.score(new double[] {-1})).isGreaterThan(score.score(new double[] {1}));
    assertThat(score.score(new double[] {3})).isGreaterThan(score.score(new double[] {11}));
  }

  @Test
  void matchesDirectComputationWithExplicitInverses() {
    Samples.Labelled data = Samples.gaussian(7, MEANS, COVARIANCE, 60);
    MahalanobisModel classes = new MahalanobisFitter(RIDGE).fit(data.hidden(), data.labels(), 3);
    RelativeMahalanobisScore score =
        new RelativeMahalanobisScore(classes, new RelativeMahalanobisFitter(RIDGE).fit(data.hidden()));

    RealMatrix tied = Samples.regularisedCovariance(Samples.centredOnClassMeans(data.hidden(), data.labels(), 3), RIDGE);
    RealMatrix background = Samples.regularisedCovariance(data.hidden(), RIDGE);
    double[] backgroundMean = Samples.mean(data.hidden(), new int[data.hidden().length], 0);
    for (double[] h : Samples.uniform(8, 5, 3)) {
      double min = Double.MAX_VALUE;
      for (int c = 0; c < 3; c++) {
        min = Math.min(min, Samples.mahalanobis(h, Samples.mean(data.hidden(), data.labels(), c), tied));
      }
      double md0 = Samples.mahalanobis(h, backgroundMean, background);
      assertThat(score.backgroundDistance(h)).isCloseTo(md0, within(1e-9 * md0));
      assertThat(score.score(h)).isCloseTo(md0 - min, within(1e-9 * (md0 + min)));
      assertThat(score.score(h, new MahalanobisScore(classes).score(h))).isEqualTo(score.score(h));
    }
  }

  @Test
  void staysFiniteForTheLargestFiniteInputs() {
    RelativeMahalanobisScore score = oneNode();

    // both distances clamp to Double.MAX_VALUE, so their difference is 0, not ∞ − ∞
    assertThat(score.score(new double[] {Double.MAX_VALUE})).isZero();
    assertThat(score.score(new double[] {-Double.MAX_VALUE})).isFinite();
  }

  @Test
  void rejectsMalformedInputsAndMismatchedModels() {
    RelativeMahalanobisScore score = oneNode();
    MahalanobisModel twoNodes = new MahalanobisFitter().fit(new double[][] {{0, 0}, {1, 2}}, new int[] {0, 1}, 2);

    assertThatThrownBy(() -> score.score(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("h[0] must be finite, found NaN");
    assertThatThrownBy(() -> score.score(new double[2])).hasMessage("h has length 2, expected 1");
    assertThatThrownBy(() -> new RelativeMahalanobisScore(twoNodes, new RelativeMahalanobisFitter().fit(new double[][] {{1}})))
        .hasMessage("class model has dimension 2, background 1; expected equal");
    assertThatThrownBy(() -> new RelativeMahalanobisModel(new double[] {0, 0}, Samples.identityFactor(1)))
        .hasMessage("whitening has 1 rows, expected 2");
    assertThatThrownBy(() -> new RelativeMahalanobisModel(new double[0], new double[0][]))
        .hasMessage("mean must not be empty");
    assertThatThrownBy(() -> new RelativeMahalanobisFitter().fit(new double[][] {{0, 1}, {1}}))
        .hasMessage("hidden[1] has length 1, expected 2");
  }
}
