package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class MahalanobisScoreTest {

  private static final double[][] MEANS = {{0, 0, 0}, {2, -1, 0.5}, {-1, 3, 1}};
  private static final double[][] COVARIANCE = {{1.0, 0.5, -0.2}, {0.5, 2.0, 0.3}, {-0.2, 0.3, 0.5}};

  @Test
  void matchesDirectComputationWithExplicitInverse() {
    Samples.Labelled data = Samples.gaussian(7, MEANS, COVARIANCE, 60);
    MahalanobisScore score = new MahalanobisScore(new MahalanobisFitter().fit(data.hidden(), data.labels(), 3));

    RealMatrix tied =
        Samples.regularisedCovariance(
            Samples.centredOnClassMeans(data.hidden(), data.labels(), 3), MahalanobisFitter.DEFAULT_RIDGE);
    for (double[] h : Samples.uniform(8, 5, 3)) {
      double min = Double.MAX_VALUE;
      for (int c = 0; c < 3; c++) {
        double expected = Samples.mahalanobis(h, Samples.mean(data.hidden(), data.labels(), c), tied);
        assertThat(score.distanceToClass(h, c)).isCloseTo(expected, within(1e-9 * expected));
        min = Math.min(min, expected);
      }
      assertThat(score.score(h)).isCloseTo(-min, within(1e-9 * min));
    }
  }

  @Test
  void reducesToSquaredEuclideanDistanceForIdentityCovariance() {
    MahalanobisScore score =
        new MahalanobisScore(new MahalanobisModel(new int[] {1, 1}, new double[][] {{0, 0}, {3, 4}}, Samples.identityFactor(2)));

    assertThat(score.distanceToClass(new double[] {1, 1}, 0)).isCloseTo(2, within(1e-15));
    assertThat(score.distanceToClass(new double[] {1, 1}, 1)).isCloseTo(13, within(1e-15));
    assertThat(score.score(new double[] {3, 5})).isCloseTo(-1, within(1e-15));
  }

  @Test
  void recoversSharedCovarianceAndMeansFromSeededSample() {
    Samples.Labelled data = Samples.gaussian(11, MEANS, COVARIANCE, 30_000);
    MahalanobisModel model = new MahalanobisFitter().fit(data.hidden(), data.labels(), 3);

    // Σ = (WᵀW)⁻¹; sampling error of each entry is about sqrt(2/N)·σ² ≈ 0.01
    RealMatrix w = Samples.square(model.whitening());
    double[][] recovered = MatrixUtils.inverse(w.transpose().multiply(w)).getData();
    for (int i = 0; i < 3; i++) {
      assertThat(recovered[i]).containsExactly(COVARIANCE[i], within(0.05));
      assertThat(model.means()[i]).containsExactly(MEANS[i], within(0.05));
    }
    assertThat(model.counts()).containsExactly(10_000, 10_000, 10_000);
  }

  @Test
  void staysFiniteWithConstantNodeAndFewerSamplesThanDimensions() {
    double[][] hidden = Samples.uniform(3, 5, 20);
    for (double[] h : hidden) {
      h[4] = 1.0; // a saturated sigmoid node
    }
    MahalanobisScore score = new MahalanobisScore(new MahalanobisFitter().fit(hidden, new int[] {0, 0, 1, 1, 1}, 2));

    double[] offNode = hidden[0].clone();
    offNode[4] = 0.0;
    // leaving the constant node costs 1 / (λ · average variance), millions, but stays finite
    assertThat(score.score(hidden[0])).isFinite().isGreaterThan(-20);
    assertThat(score.score(offNode)).isFinite().isLessThan(-1e6);
    for (double[] h : Samples.uniform(4, 10, 20)) {
      assertThat(score.score(h)).isFinite();
    }
  }

  @Test
  void treatsClassWithoutSamplesAsInfinitelyFarAndClassWithOneSampleAsItsPoint() {
    double[][] hidden = {{0, 0}, {1, 0}, {0, 1}, {5, 5}};
    MahalanobisScore score = new MahalanobisScore(new MahalanobisFitter().fit(hidden, new int[] {0, 0, 0, 2}, 3));

    assertThat(score.distanceToClass(new double[] {0, 0}, 1)).isEqualTo(Double.MAX_VALUE);
    assertThat(score.distanceToClass(new double[] {5, 5}, 2)).isZero();
    assertThat(score.score(new double[] {5, 5})).isZero();
    assertThat(score.score(new double[] {-3, 7})).isFinite().isNegative();
  }

  @Test
  void staysFiniteWhenEverySampleIsIdentical() {
    double[][] hidden = {{1, 0, 1}, {1, 0, 1}};
    MahalanobisScore score = new MahalanobisScore(new MahalanobisFitter().fit(hidden, new int[] {0, 0}, 1));

    // zero covariance: the ridge alone, λ·I, so the distance is ||h − μ||² / λ
    assertThat(score.distanceToClass(new double[] {0, 0, 1}, 0)).isCloseTo(1e6, within(1e-6));
  }

  @Test
  void clampsOverflowingDistanceToLargestFiniteValue() {
    MahalanobisScore score =
        new MahalanobisScore(new MahalanobisModel(new int[] {1}, new double[][] {{0, 0}}, Samples.identityFactor(2)));

    assertThat(score.score(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE})).isEqualTo(-Double.MAX_VALUE);
  }

  @Test
  void rejectsMalformedInputsNamingWhatWasFound() {
    MahalanobisScore score =
        new MahalanobisScore(new MahalanobisModel(new int[] {1}, new double[][] {{0, 0}}, Samples.identityFactor(2)));

    assertThatThrownBy(() -> score.score(new double[] {0, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("h[1] must be finite, found NaN");
    assertThatThrownBy(() -> score.score(new double[3])).hasMessage("h has length 3, expected 2");
    assertThatThrownBy(() -> score.distanceToClass(new double[2], 1)).hasMessage("class 1 is out of range [0, 1)");
  }

  @Test
  void rejectsInvalidSettingsAndTrainingData() {
    assertThatThrownBy(() -> new MahalanobisFitter(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ridge must be finite and >= 1.0E-10, found 0.0");
    assertThatThrownBy(() -> new MahalanobisFitter(Double.NaN)).hasMessageContaining("found NaN");
    MahalanobisFitter fitter = new MahalanobisFitter();
    assertThatThrownBy(() -> fitter.fit(new double[][] {{0}, {1}}, new int[] {0, 2}, 2))
        .hasMessage("class 2 is out of range [0, 2)");
    assertThatThrownBy(() -> fitter.fit(new double[][] {{0}, {1}}, new int[] {0}, 2))
        .hasMessage("need at least one sample and one label per sample, found hidden=2 labels=1");
    assertThatThrownBy(() -> fitter.fit(new double[][] {{0, 1}, {1}}, new int[] {0, 1}, 2))
        .hasMessage("hidden[1] has length 1, expected 2");
    assertThatThrownBy(() -> fitter.fit(new double[][] {{0, 1}, {1, Double.POSITIVE_INFINITY}}, new int[] {0, 1}, 2))
        .hasMessage("hidden[1][1] must be finite, found Infinity");
  }

  @Test
  void rejectsModelsThatBreakAnInvariant() {
    double[][] means = {{0, 0, 0}};
    double[][] shortRow = {{1}, {0}, {0, 0, 1}};
    double[][] zeroDiagonal = {{1}, {0, 0}, {0, 0, 1}};
    assertThatThrownBy(() -> new MahalanobisModel(new int[] {1}, means, shortRow))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("whitening[1] has length 1, expected 2");
    assertThatThrownBy(() -> new MahalanobisModel(new int[] {1}, means, zeroDiagonal))
        .hasMessage("whitening[1][1] (diagonal) must be > 0, found 0.0");
    assertThatThrownBy(() -> new MahalanobisModel(new int[] {0}, means, Samples.identityFactor(3)))
        .hasMessage("counts must contain at least one sample, found none");
    assertThatThrownBy(() -> new MahalanobisModel(new int[] {1, 1}, means, Samples.identityFactor(3)))
        .hasMessage("counts and means must describe the same non-zero number of classes, found counts=2 means=1");
    assertThatThrownBy(() -> new MahalanobisModel(new int[] {1}, means, Samples.identityFactor(2)))
        .hasMessage("whitening has 2 rows, expected 3");
  }

  @Test
  void doesNotShareArraysWithCallers() {
    double[][] means = {{0, 0}};
    MahalanobisModel model = new MahalanobisModel(new int[] {1}, means, Samples.identityFactor(2));
    means[0][0] = 9;
    model.means()[0][1] = 9;

    assertThat(model.means()[0]).containsExactly(0, 0);
  }
}
