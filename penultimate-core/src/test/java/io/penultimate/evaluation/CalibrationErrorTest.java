package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.evaluation.CalibrationError.Bin;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationErrorTest {

  @Test
  void weighsEachBinsGapByItsShareOfPredictions() {
    double[] confidence = {0.1, 0.2, 0.9, 0.95};
    boolean[] correct = {false, true, true, true};
    // Bin [0, .5]: conf .15, acc .5 → .5·.35; bin (.5, 1]: conf .925, acc 1 → .5·.075.
    assertThat(CalibrationError.expected(confidence, correct, 2)).isCloseTo(0.2125, within(1e-15));
  }

  @Test
  void isZeroForPerfectlyCalibratedBins() {
    double[] confidence = {0.75, 0.75, 0.75, 0.75, 0.25, 0.25, 0.25, 0.25};
    boolean[] correct = {true, true, true, false, true, false, false, false};
    assertThat(CalibrationError.expected(confidence, correct, 10)).isZero();
  }

  @Test
  void listsEveryBinWithEmptyOnesMarkedNan() {
    List<Bin> table = CalibrationError.reliability(new double[] {0.1, 0.2, 0.9}, new boolean[] {false, true, true}, 3);
    assertThat(table).hasSize(3);
    assertThat(table.get(0)).isEqualTo(new Bin(0, 1.0 / 3, 2, 0.15000000000000002, 0.5));
    assertThat(table.get(1).count()).isZero();
    assertThat(table.get(1).meanConfidence()).isNaN();
    assertThat(table.get(1).accuracy()).isNaN();
    assertThat(table.get(2)).isEqualTo(new Bin(2.0 / 3, 1, 1, 0.9, 1));
  }

  @Test
  void closesBinsOnTheRightAndPutsZeroInTheFirst() {
    List<Bin> table = CalibrationError.reliability(new double[] {0, 0.5, 1}, new boolean[] {true, true, true}, 2);
    assertThat(table.get(0).count()).isEqualTo(2);
    assertThat(table.get(1).count()).isEqualTo(1);
  }

  @Test
  void usesFifteenBinsByDefault() {
    double[] confidence = {0.68, 0.72};
    boolean[] correct = {true, false};
    // 15 bins: both in (2/3, 11/15], conf .7, acc .5 → .2. 10 bins: split at .7 → .5·.32 + .5·.72.
    assertThat(CalibrationError.expected(confidence, correct)).isCloseTo(0.2, within(1e-15));
    assertThat(CalibrationError.expected(confidence, correct, 10)).isCloseTo(0.52, within(1e-15));
  }

  @Test
  void rejectsConfidencesOutsideTheUnitIntervalAndBadBinCounts() {
    assertThatThrownBy(() -> CalibrationError.expected(new double[] {0.5, 1.01}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence 1").hasMessageContaining("1.01");
    assertThatThrownBy(() -> CalibrationError.expected(new double[] {-0.1}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> CalibrationError.expected(new double[] {Double.NaN}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> CalibrationError.expected(new double[] {0.5}, new boolean[] {true}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
    assertThatThrownBy(() -> CalibrationError.expected(new double[0], new boolean[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
  }
}
