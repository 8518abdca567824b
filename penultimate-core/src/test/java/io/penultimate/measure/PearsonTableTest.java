package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PearsonTableTest {

  @Test
  void correlatesEachPairOfColumnsAcrossNodes() {
    PearsonTable table = PearsonTable.of(new double[] {1, 2, 3}, new double[] {2, 4, 6}, new double[] {3, 2, 1});
    assertThat(table).isEqualTo(new PearsonTable(1, -1, -1));
  }

  @Test
  void reportsZeroAgainstAConstantColumn() {
    PearsonTable table = PearsonTable.of(new double[] {1, 2, 4}, new double[] {0.5, 0.5, 0.5}, new double[] {1, 0, 2});
    assertThat(table.miTv()).isZero();
    assertThat(table.tvBias()).isZero();
    // mi − mean = (−4/3, −1/3, 5/3), bias − mean = (0, −1, 1): 2 / √(42/9 · 2).
    assertThat(table.miBias()).isCloseTo(2 / Math.sqrt(42.0 / 9 * 2), within(1e-15));
  }

  @Test
  void withoutABiasColumnCorrelatesOnlyInformationAndVariance() {
    PearsonTable table = PearsonTable.withoutBias(new double[] {1, 2, 3}, new double[] {2, 4, 6});
    assertThat(table.miTv()).isEqualTo(1);
    assertThat(table.miBias()).isNaN();
    assertThat(table.tvBias()).isNaN();
    assertThatThrownBy(() -> PearsonTable.withoutBias(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tv=1");
  }

  @Test
  void rejectsColumnsOfDifferentLengthOrASingleNode() {
    assertThatThrownBy(() -> PearsonTable.of(new double[] {1, 2}, new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias=1");
    assertThatThrownBy(() -> PearsonTable.of(new double[] {1}, new double[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 1");
  }
}
