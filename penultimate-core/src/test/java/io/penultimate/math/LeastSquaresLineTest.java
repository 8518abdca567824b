package io.penultimate.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeastSquaresLineTest {

  @Test
  void fitsTheLineAndSlopeErrorOfAWorkedExample() {
    // x̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6: slope 0.6, intercept 2.2;
    // residuals -0.8, 0.6, 1.0, -0.6, -0.2 sum to 2.4 squared, so SE = sqrt(2.4 / 3 / 10)
    LeastSquaresLine line = LeastSquaresLine.fit(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5});

    assertThat(line.slope()).isCloseTo(0.6, within(1e-12));
    assertThat(line.intercept()).isCloseTo(2.2, within(1e-12));
    assertThat(line.slopeStandardError()).isCloseTo(Math.sqrt(0.08), within(1e-12));
    assertThat(line.points()).isEqualTo(5);
  }

  @Test
  void recoversAnExactLineWithNoErrorEvenFarFromTheOrigin() {
    // bytes of a process growing 3 MB per hour, sampled each minute: offsets of 10^9 must not cost the slope its digits
    double[] hours = new double[30];
    double[] bytes = new double[30];
    for (int i = 0; i < hours.length; i++) {
      hours[i] = i / 60.0;
      bytes[i] = 2e9 + 3e6 * hours[i];
    }
    LeastSquaresLine line = LeastSquaresLine.fit(hours, bytes);

    assertThat(line.slope()).isCloseTo(3e6, within(1e-3));
    assertThat(line.intercept()).isCloseTo(2e9, within(1e-3));
    assertThat(line.slopeStandardError()).isCloseTo(0, within(1e-3));
  }

  @Test
  void givesAFlatLineForConstantValues() {
    LeastSquaresLine line = LeastSquaresLine.fit(new double[] {0, 1, 2}, new double[] {7, 7, 7});

    assertThat(line.slope()).isZero();
    assertThat(line.intercept()).isEqualTo(7);
    assertThat(line.slopeStandardError()).isZero();
  }

  @Test
  void hasNoSlopeErrorThroughTwoPoints() {
    LeastSquaresLine line = LeastSquaresLine.fit(new double[] {0, 2}, new double[] {1, 5});

    assertThat(line.slope()).isEqualTo(2);
    assertThat(line.slopeStandardError()).isNaN();
  }

  @Test
  void rejectsTooFewPointsMismatchedLengthsEqualXsAndValuesThatAreNotFinite() {
    assertThatThrownBy(() -> LeastSquaresLine.fit(new double[] {1}, new double[] {1})).hasMessageContaining("at least two points");
    assertThatThrownBy(() -> LeastSquaresLine.fit(new double[] {1, 2}, new double[] {1})).hasMessageContaining("1 y");
    assertThatThrownBy(() -> LeastSquaresLine.fit(new double[] {4, 4, 4}, new double[] {1, 2, 3})).hasMessageContaining("every x is 4.0");
    assertThatThrownBy(() -> LeastSquaresLine.fit(new double[] {1, 2}, new double[] {1, Double.NaN})).hasMessageContaining("point 1");
  }
}
