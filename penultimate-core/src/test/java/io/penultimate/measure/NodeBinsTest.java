package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeBinsTest {

  private static double[] oneToHundred() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // unsorted on purpose
    }
    return values;
  }

  @Test
  void splitsOneToHundredAtEveryTenthValueWithATenthInEachBin() {
    // decile d is the sorted value at index ceil(10d) - 1 = 10d - 1, i.e. the value 10d
    NodeBins bins = NodeBins.deciles(oneToHundred());
    assertThat(bins.upperEdges()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
    assertThat(bins.bins()).isEqualTo(10);
    for (double share : bins.shares()) {
      assertThat(share).isCloseTo(0.1, within(1e-15));
    }
  }

  @Test
  void mergesTheLowerDecilesOfAReluNodeIntoOneBinForTheZeros() {
    // 60 exact zeros and 1..40: deciles 1-6 are all 0 (index <= 59), then 10, 20, 30 (index 69, 79, 89)
    double[] values = new double[100];
    for (int i = 0; i < 40; i++) {
      values[60 + i] = i + 1;
    }
    NodeBins bins = NodeBins.deciles(values);
    assertThat(bins.upperEdges()).containsExactly(0, 10, 20, 30);
    assertThat(bins.shares()).containsExactly(new double[] {0.6, 0.1, 0.1, 0.1, 0.1}, within(1e-15));
  }

  @Test
  void givesAConstantColumnASingleBinHoldingEverything() {
    double[] values = new double[50];
    Arrays.fill(values, 0.25);
    NodeBins bins = NodeBins.deciles(values);
    assertThat(bins.upperEdges()).isEmpty();
    assertThat(bins.shares()).containsExactly(1.0);
    assertThat(bins.bin(-1e9)).isZero();
    assertThat(bins.bin(0.25)).isZero();
    assertThat(bins.bin(1e9)).isZero();
  }

  @Test
  void dropsATopEdgeEqualToTheMaximumSoThatTheOpenBinIsNotEmpty() {
    // n = 3: deciles 1-3 are index 0 (value 1), 4-6 index 1 (value 2), 7-9 index 2 (value 3 = max, dropped)
    NodeBins bins = NodeBins.deciles(new double[] {3, 1, 2});
    assertThat(bins.upperEdges()).containsExactly(1, 2);
    assertThat(bins.shares()).containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-15));
  }

  @Test
  void assignsAValueOnAnEdgeToTheBinBelowItAndAboveTheLastEdgeToTheOpenBin() {
    NodeBins bins = NodeBins.deciles(oneToHundred());
    assertThat(bins.bin(-5)).isZero();
    assertThat(bins.bin(10)).isZero();
    assertThat(bins.bin(Math.nextUp(10.0))).isEqualTo(1);
    assertThat(bins.bin(20)).isEqualTo(1);
    assertThat(bins.bin(55)).isEqualTo(5);
    assertThat(bins.bin(90)).isEqualTo(8);
    assertThat(bins.bin(Math.nextUp(90.0))).isEqualTo(9);
    assertThat(bins.bin(1e9)).isEqualTo(9);
  }

  @Test
  void sharesSumToOneAndMatchTheBinOfEveryTrainingValueOnRandomColumns() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(300);
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        // a mix of exact zeros, repeats and continuous values, as from a ReLU or rounded node
        double u = random.nextDouble();
        values[i] = u < 0.3 ? 0 : u < 0.5 ? random.nextInt(3) : random.nextGaussian();
      }
      NodeBins bins = NodeBins.deciles(values);
      assertThat(Arrays.stream(bins.shares()).sum()).as("seed %d", seed).isCloseTo(1, within(1e-12));
      assertThat(bins.upperEdges()).as("seed %d", seed).isSorted().doesNotHaveDuplicates();
      int[] counts = new int[bins.bins()];
      for (double v : values) {
        counts[bins.bin(v)]++;
      }
      for (int b = 0; b < counts.length; b++) {
        assertThat(bins.shares()[b]).as("seed %d bin %d", seed, b).isEqualTo((double) counts[b] / n);
      }
      if (bins.bins() > 1) {
        assertThat(bins.shares()[bins.bins() - 1]).as("open bin, seed %d", seed).isPositive();
      }
    }
  }

  @Test
  void rejectsAShareCountThatIsNotOneMoreThanTheEdgeCount() {
    assertThatThrownBy(() -> new NodeBins(new double[] {1, 2}, new double[] {0.5, 0.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(3), found 2");
  }

  @Test
  void copiesItsArraysSoThatLaterChangesDoNotLeakIn() {
    double[] edges = {1};
    double[] shares = {0.5, 0.5};
    NodeBins bins = new NodeBins(edges, shares);
    edges[0] = 99;
    shares[0] = 99;
    assertThat(bins).isEqualTo(new NodeBins(new double[] {1}, new double[] {0.5, 0.5}));
    assertThat(bins.bin(2)).isEqualTo(1);
  }
}
