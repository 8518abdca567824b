package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataSplitTest {
  private static LabeledSamples samples(int n) {
    float[][] features = new float[n][1];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      features[i][0] = i;
      labels[i] = i % 2;
    }
    return new LabeledSamples(features, List.of(1), labels, List.of("a", "b"), "file.csv");
  }

  @Test
  void cutsAStratifiedValidationShareSeededLikeTheNamedDataSets() {
    LabeledSamples file = samples(20);

    DataSplit split = DataSplit.cutValidation(file, 0.2);

    StratifiedSplit.Indices expected = StratifiedSplit.split(file.labels(), 2, 4, 0, Datasets.SPLIT_SEED);
    assertThat(split.validation().features()).isDeepEqualTo(file.subset(expected.validation()).features());
    assertThat(split.train().size()).isEqualTo(16);
    assertThat(split.validation().classCounts()).containsExactly(2, 2);
    assertThat(split.test().size()).isZero();
    assertThat(split.test().inputSize()).isEqualTo(1);
  }

  @Test
  void rejectsAShareThatLeavesNoValidationSample() {
    assertThatThrownBy(() -> DataSplit.cutValidation(samples(2), 0.2))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("file.csv: a validation share of 0.2 of its 2 samples leaves 2 to train and 0 to validate");
  }

  @Test
  void rejectsPartsOfDifferentInputSizesEvenWhenOneIsEmpty() {
    LabeledSamples wide = new LabeledSamples(new float[0][], List.of(2), new int[0], List.of("a", "b"), "wide.csv");

    assertThatThrownBy(() -> DataSplit.withoutTest(samples(2), wide))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input sizes differ: 1 in file.csv, 2 in wide.csv");
  }
}
