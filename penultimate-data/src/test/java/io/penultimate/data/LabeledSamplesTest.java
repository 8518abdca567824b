package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledSamplesTest {
  private static final List<String> TWO = List.of("a", "b");

  @Test
  void subsetsInTheGivenOrderAndCountClasses() {
    float[][] features = {{0f, 0.1f}, {0.2f, 0.3f}, {0.4f, 1f}};
    LabeledSamples samples = new LabeledSamples(features, List.of(2), new int[] {1, 0, 1}, TWO, "s");

    LabeledSamples subset = samples.subset(new int[] {2, 0});

    assertThat(subset.size()).isEqualTo(2);
    assertThat(subset.inputSize()).isEqualTo(2);
    assertThat(subset.features()[0]).isSameAs(features[2]);
    assertThat(subset.labels()).containsExactly(1, 1);
    assertThat(samples.classCounts()).containsExactly(1, 2);
    assertThat(subset.classCounts()).containsExactly(0, 2);
  }

  @Test
  void poolingLabelsEachSampleByTheSetItCameFrom() {
    LabeledSamples digits = new LabeledSamples(new float[][] {{0f, 1f}, {1f, 0f}}, List.of(2), new int[] {1, 0}, TWO, "digits");
    LabeledSamples clothes = new LabeledSamples(new float[][] {{0.5f, 0.5f}}, List.of(2), new int[] {1}, TWO, "clothes");

    LabeledSamples pooled = LabeledSamples.pooled(List.of(digits, clothes), List.of("mnist", "fashion-mnist"));

    assertThat(pooled.size()).isEqualTo(3);
    assertThat(pooled.labels()).containsExactly(0, 0, 1);
    assertThat(pooled.classNames()).containsExactly("mnist", "fashion-mnist");
    assertThat(pooled.features()[2]).isSameAs(clothes.features()[0]);
    assertThat(pooled.source()).isEqualTo("digits + clothes");
  }

  @Test
  void refusesToPoolSetsOfDifferentShapes() {
    LabeledSamples flat = new LabeledSamples(new float[][] {{0f, 1f}}, List.of(2), new int[] {0}, TWO, "flat");
    LabeledSamples image = new LabeledSamples(new float[][] {{0f, 1f}}, List.of(1, 2), new int[] {0}, TWO, "image");

    assertThatThrownBy(() -> LabeledSamples.pooled(List.of(flat, image), List.of("x", "y")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot pool image (shape [1, 2]) with flat (shape [2])");
  }

  @Test
  void knowsItsInputSizeFromTheShapeEvenWithoutSamples() {
    LabeledSamples empty = new LabeledSamples(new float[0][], List.of(3, 4, 5), new int[0], TWO, "s");

    assertThat(empty.inputSize()).isEqualTo(60);
  }

  @Test
  void acceptsAnyFiniteValue() {
    LabeledSamples samples = new LabeledSamples(new float[][] {{-3.5f, 255f}}, List.of(2), new int[] {0}, TWO, "s");

    assertThat(samples.features()[0]).containsExactly(-3.5f, 255f);
  }

  @Test
  void rejectsDifferentSampleAndLabelCounts() {
    assertThatThrownBy(() -> new LabeledSamples(new float[][] {{0f}}, List.of(1), new int[] {0, 1}, TWO, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1 samples but 2 labels (s)");
  }

  @Test
  void rejectsARowWhoseLengthDiffersFromTheShape() {
    assertThatThrownBy(() -> new LabeledSamples(new float[][] {{0f, 0f}, {0f}}, List.of(2), new int[] {0, 1}, TWO, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sample 1 has 1 values, its input shape [2] needs 2");
  }

  @Test
  void rejectsNaNAndInfiniteValues() {
    assertThatThrownBy(() -> new LabeledSamples(new float[][] {{Float.NaN}}, List.of(1), new int[] {0}, TWO, "s"))
        .hasMessageContaining("sample 0 has the value NaN");
    assertThatThrownBy(() -> new LabeledSamples(new float[][] {{Float.NEGATIVE_INFINITY}}, List.of(1), new int[] {0}, TWO, "s"))
        .hasMessageContaining("sample 0 has the value -Infinity");
  }

  @Test
  void rejectsLabelsWithoutAClassName() {
    assertThatThrownBy(() -> new LabeledSamples(new float[][] {{0f}}, List.of(1), new int[] {2}, TWO, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 2 of sample 0 is outside [0, 2)");
  }
}
