package io.penultimate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {
  private static final ModelMetadata SIX_DIGITS =
      ModelMetadata.trained("mnist", "paper-mlp", 1, 0.99, 0.98, 4, "1", 32, 784, List.of("0", "1", "2", "3", "4", "5"));

  @Test
  void recordsNoClassSubsetUnlessGivenOne() {
    assertThat(SIX_DIGITS.datasetClasses()).isEmpty();
    assertThat(SIX_DIGITS.withDatasetClasses(List.of(0, 1, 2, 3, 4, 5)).datasetClasses()).contains(List.of(0, 1, 2, 3, 4, 5));
  }

  @Test
  void readsAMissingClassSubsetAsTheDataSetsOwnClasses() {
    ModelMetadata before = new ModelMetadata(ModelMetadata.FORMAT_VERSION, Optional.of("mnist"), "paper-mlp", SIX_DIGITS.seed(),
        SIX_DIGITS.testAccuracy(), SIX_DIGITS.validationAccuracy(), SIX_DIGITS.epochs(), "1", 32, 784, SIX_DIGITS.classNames(), null);

    assertThat(before).isEqualTo(SIX_DIGITS);
  }

  @Test
  void refusesAClassSubsetThatIsNotOneIncreasingIndexPerClass() {
    assertThatThrownBy(() -> SIX_DIGITS.withDatasetClasses(List.of(0, 1, 2, 3, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model metadata's datasetClasses must be 6 increasing non-negative class indices, one per class name,"
            + " found [0, 1, 2, 3, 4]");
    assertThatThrownBy(() -> SIX_DIGITS.withDatasetClasses(List.of(0, 1, 2, 4, 3, 5))).hasMessageEndingWith("found [0, 1, 2, 4, 3, 5]");
    assertThatThrownBy(() -> SIX_DIGITS.withDatasetClasses(List.of(-1, 1, 2, 3, 4, 5))).hasMessageEndingWith("found [-1, 1, 2, 3, 4, 5]");
  }
}
