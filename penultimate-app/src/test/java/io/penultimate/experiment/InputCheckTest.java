package io.penultimate.experiment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.data.LabeledSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputCheckTest {
  private static LabeledSamples samples(List<Integer> shape, List<String> classes) {
    return new LabeledSamples(new float[0][], shape, new int[0], classes, "own.npz");
  }

  @Test
  void acceptsDataAsWideAsTheModelsInputWhateverItsShape() {
    assertThatCode(() -> InputCheck.requireInputSize(samples(List.of(1, 28, 28), List.of("a")), 784)).doesNotThrowAnyException();
  }

  @Test
  void rejectsDataOfAnotherWidthNamingTheFileItsShapeAndTheModelsInput() {
    assertThatThrownBy(() -> InputCheck.requireInputSize(samples(List.of(3, 32, 32), List.of("a")), 784))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("own.npz: its samples have 3072 values (shape [3, 32, 32]), but the model reads 784 per input");
    assertThatThrownBy(() -> InputCheck.requireInputSize(samples(List.of(5), List.of("a")), 784))
        .hasMessage("own.npz: its samples have 5 values, but the model reads 784 per input");
  }

  @Test
  void rejectsDataWithAnotherNumberOfClassesSayingHowToNameThem() {
    assertThatThrownBy(() -> InputCheck.requireClasses(samples(List.of(1), List.of("cat", "dog")), List.of("0", "1", "2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("own.npz has 2 classes (cat, dog), but the model has 3 outputs (0, 1, 2);"
            + " list the model's classes in the order of its outputs with --class-names");
  }

  @Test
  void acceptsAsManyClassesAsTheModelHasUnderOtherNames() {
    assertThatCode(() -> InputCheck.requireClasses(samples(List.of(1), List.of("cat", "dog")), List.of("0", "1")))
        .doesNotThrowAnyException();
  }
}
