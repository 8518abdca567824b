package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class ClassGaussianScoreTest {

  private static final double[][] MEANS = {{0, 0, 0}, {2, -1, 0.5}};
  private static final double[][] COVARIANCE = {{1.0, 0.5, -0.2}, {0.5, 2.0, 0.3}, {-0.2, 0.3, 0.5}};

  @Test
  void matchesLogOfCommonsMathNormalDensity() {
    Samples.Labelled data = Samples.gaussian(5, MEANS, COVARIANCE, 100);
    ClassGaussianScore score = new ClassGaussianScore(new ClassGaussianFitter().fit(data.hidden(), data.labels(), 2));

    for (int c = 0; c < 2; c++) {
      double[][] rows = Samples.rowsOfClass(data.hidden(), data.labels(), c);
      MultivariateNormalDistribution reference =
          new MultivariateNormalDistribution(
              Samples.mean(data.hidden(), data.labels(), c),
              Samples.regularisedCovariance(rows, ClassGaussianFitter.DEFAULT_RIDGE).getData());
      for (double[] h : Samples.uniform(6, 5, 3)) {
        assertThat(score.logDensity(h, c)).isCloseTo(Math.log(reference.density(h)), within(1e-10));
      }
    }
  }

  @Test
  void scoresThePredictedClass() {
    Samples.Labelled data = Samples.gaussian(5, MEANS, COVARIANCE, 100);
    ClassGaussianScore score = new ClassGaussianScore(new ClassGaussianFitter().fit(data.hidden(), data.labels(), 2));
    double[] h = {1, 0, 0};

    assertThat(score.score(h, 1)).isEqualTo(score.logDensity(h, 1)).isNotEqualTo(score.logDensity(h, 0));
  }

  @Test
  void usesTiedCovarianceForClassWithOneSampleAndLowestScoreForClassWithNone() {
    Samples.Labelled data = Samples.gaussian(9, MEANS, COVARIANCE, 40);
    double[][] hidden = append(data.hidden(), new double[] {4, 4, 4});
    int[] labels = append(data.labels(), 3);
    ClassGaussianScore score = new ClassGaussianScore(new ClassGaussianFitter().fit(hidden, labels, 4));

    RealMatrix tied =
        Samples.regularisedCovariance(
            Samples.centredOnClassMeans(hidden, labels, 4), ClassGaussianFitter.DEFAULT_RIDGE);
    double[] h = {3, 4, 5};
    double expected = Math.log(new MultivariateNormalDistribution(new double[] {4, 4, 4}, tied.getData()).density(h));
    assertThat(score.logDensity(h, 3)).isCloseTo(expected, within(1e-10));
    assertThat(score.score(h, 2)).isEqualTo(-Double.MAX_VALUE);
  }

  @Test
  void staysFiniteWithConstantNodeAndFewerSamplesThanDimensions() {
    double[][] hidden = Samples.uniform(3, 6, 20);
    for (double[] h : hidden) {
      h[7] = 0.0; // a saturated sigmoid node
    }
    ClassGaussianScore score = new ClassGaussianScore(new ClassGaussianFitter().fit(hidden, new int[] {0, 0, 0, 1, 1, 1}, 2));

    for (double[] h : Samples.uniform(4, 10, 20)) {
      assertThat(score.score(h, 0)).isFinite();
      assertThat(score.score(h, 1)).isFinite();
    }
    assertThat(score.score(hidden[0], 0)).isFinite().isGreaterThan(score.score(Samples.uniform(4, 1, 20)[0], 0));
  }

  @Test
  void staysFiniteWhenEverySampleIsIdenticalOrInputIsHuge() {
    double[][] hidden = {{1, 0}, {1, 0}, {1, 0}};
    ClassGaussianScore score = new ClassGaussianScore(new ClassGaussianFitter().fit(hidden, new int[] {0, 0, 0}, 1));

    // zero covariance everywhere: N(h; μ, λ·I)
    assertThat(score.logDensity(new double[] {1, 0}, 0)).isCloseTo(-Math.log(2 * Math.PI * 1e-6), within(1e-9));
    assertThat(score.logDensity(new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}, 0)).isFinite();
  }

  @Test
  void rejectsNonFiniteInputAndUnknownClass() {
    ClassGaussianScore score = new ClassGaussianScore(new ClassGaussianFitter().fit(new double[][] {{0}, {1}}, new int[] {0, 0}, 1));

    assertThatThrownBy(() -> score.score(new double[] {Double.NaN}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("h[0] must be finite, found NaN");
    assertThatThrownBy(() -> score.score(new double[] {0}, 1)).hasMessage("class 1 is out of range [0, 1)");
    assertThatThrownBy(() -> new ClassGaussianFitter(1e-11)).hasMessage("ridge must be finite and >= 1.0E-10, found 1.0E-11");
  }

  @Test
  void rejectsModelWithMissingClassFactor() {
    assertThatThrownBy(
            () -> new ClassGaussianModel(new int[] {1, 1}, new double[][] {{0}, {1}}, new double[][][] {{{1}}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("whitening has 1 classes, expected 2");
    assertThatThrownBy(
            () -> new ClassGaussianModel(new int[] {1}, new double[][] {{0}}, new double[][][] {{{-1}}}))
        .hasMessage("whitening[0][0][0] (diagonal) must be > 0, found -1.0");
  }

  private static double[][] append(double[][] rows, double[] row) {
    double[][] out = java.util.Arrays.copyOf(rows, rows.length + 1);
    out[rows.length] = row;
    return out;
  }

  private static int[] append(int[] values, int value) {
    int[] out = java.util.Arrays.copyOf(values, values.length + 1);
    out[values.length] = value;
    return out;
  }
}
