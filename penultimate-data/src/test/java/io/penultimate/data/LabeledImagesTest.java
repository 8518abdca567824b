package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledImagesTest {
  private static final List<String> TWO = List.of("a", "b");

  @Test
  void shouldSubsetInTheGivenOrderAndCountClasses() {
    float[][] pixels = {{0f, 0.1f}, {0.2f, 0.3f}, {0.4f, 1f}};
    LabeledImages images = new LabeledImages(pixels, new int[] {1, 0, 1}, TWO, "s");

    LabeledImages subset = images.subset(new int[] {2, 0});

    assertThat(subset.size()).isEqualTo(2);
    assertThat(subset.inputSize()).isEqualTo(2);
    assertThat(subset.pixels()[0]).isSameAs(pixels[2]);
    assertThat(subset.labels()).containsExactly(1, 1);
    assertThat(images.classCounts()).containsExactly(1, 2);
    assertThat(subset.classCounts()).containsExactly(0, 2);
  }

  @Test
  void shouldRejectDifferentImageAndLabelCounts() {
    assertThatThrownBy(() -> new LabeledImages(new float[][] {{0f}}, new int[] {0, 1}, TWO, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1 images but 2 labels (s)");
  }

  @Test
  void shouldRejectRaggedRows() {
    assertThatThrownBy(() -> new LabeledImages(new float[][] {{0f, 0f}, {0f}}, new int[] {0, 1}, TWO, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image 1 has 1 values, image 0 has 2");
  }

  @Test
  void shouldRejectPixelsOutside01IncludingNaN() {
    assertThatThrownBy(() -> new LabeledImages(new float[][] {{1.01f}}, new int[] {0}, TWO, "s"))
        .hasMessageContaining("pixel 1.01 outside [0, 1]");
    assertThatThrownBy(() -> new LabeledImages(new float[][] {{Float.NaN}}, new int[] {0}, TWO, "s"))
        .hasMessageContaining("pixel NaN outside [0, 1]");
  }

  @Test
  void shouldRejectLabelsWithoutAClassName() {
    assertThatThrownBy(() -> new LabeledImages(new float[][] {{0f}}, new int[] {2}, TWO, "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("label 2 of image 0 is outside [0, 2)");
  }
}
