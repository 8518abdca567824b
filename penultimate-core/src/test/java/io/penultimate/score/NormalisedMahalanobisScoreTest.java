package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalisedMahalanobisScoreTest {

  // identity covariance, unit class means along the two axes
  private static final NormalisedMahalanobisScore AXES = new NormalisedMahalanobisScore(
      new MahalanobisModel(new int[] {1, 1}, new double[][] {{1, 0}, {0, 1}}, Samples.identityFactor(2)));

  @Test
  void scoresTheDirectionOfTheVector() {
    // (3, 4)/5 = (0.6, 0.8): squared distances 0.4² + 0.8² = 0.8 to (1, 0) and 0.6² + 0.2² = 0.4 to (0, 1)
    assertThat(AXES.score(new double[] {3, 4})).isCloseTo(-0.4, within(1e-15));
  }

  @Test
  void ignoresTheNormEvenAtTheEndsOfTheDoubleRange() {
    double expected = AXES.score(new double[] {3, 4});

    assertThat(AXES.score(new double[] {3e-310, 4e-310})).isCloseTo(expected, within(1e-12));
    assertThat(AXES.score(new double[] {3e300, 4e300})).isCloseTo(expected, within(1e-12));
  }

  @Test
  void keepsTheZeroVectorOfASilentReluLayerAtTheOrigin() {
    assertThat(AXES.score(new double[] {0, 0})).isCloseTo(-1, within(1e-15));
    assertThat(NormalisedMahalanobisScore.unitRows(new double[][] {{0, 0}, {0, -2}})).isDeepEqualTo(new double[][] {{0, 0}, {0, -1}});
  }

  @Test
  void isTheMahalanobisScoreOfTheUnitVectorUnderTheModelFittedOnUnitRows() {
    Samples.Labelled data = Samples.gaussian(3, new double[][] {{1, 0, 0}, {0, 2, 1}}, new double[][] {{1, 0.2, 0}, {0.2, 1, 0}, {0, 0, 0.5}}, 50);
    MahalanobisModel model = new MahalanobisFitter().fit(NormalisedMahalanobisScore.unitRows(data.hidden()), data.labels(), 2);
    MahalanobisScore onUnitVectors = new MahalanobisScore(model);
    NormalisedMahalanobisScore normalised = new NormalisedMahalanobisScore(model);

    for (double[] h : Samples.uniform(5, 4, 3)) {
      double norm = Math.sqrt(h[0] * h[0] + h[1] * h[1] + h[2] * h[2]);
      double[] unit = {h[0] / norm, h[1] / norm, h[2] / norm};
      assertThat(normalised.score(h)).isCloseTo(onUnitVectors.score(unit), within(1e-12 * Math.abs(onUnitVectors.score(unit))));
    }
  }

  @Test
  void refusesVectorsThatAreNotFiniteOrOfTheWrongLength() {
    assertThatThrownBy(() -> AXES.score(new double[] {Double.POSITIVE_INFINITY, 0})).hasMessage("h[0] must be finite, found Infinity");
    assertThatThrownBy(() -> AXES.score(new double[] {1})).hasMessage("h has length 1, expected 2");
    assertThatThrownBy(() -> NormalisedMahalanobisScore.unitRows(new double[][] {{1, Double.NaN}}))
        .hasMessage("hidden[0][1] must be finite, found NaN");
  }
}
