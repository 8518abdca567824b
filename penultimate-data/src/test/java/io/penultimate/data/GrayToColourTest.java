package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrayToColourTest {
  @Test
  void upscalingTwoByTwoToFourByFourMatchesHalfPixelBilinear() {
    // torch.nn.functional.interpolate(x, size=(4, 4), mode="bilinear", align_corners=False) of [[0, 1], [2, 3]]
    float[] expected = {
      0f, 0.25f, 0.75f, 1f,
      0.5f, 0.75f, 1.25f, 1.5f,
      1.5f, 1.75f, 2.25f, 2.5f,
      2f, 2.25f, 2.75f, 3f
    };

    float[] resized = GrayToColour.resized(new float[] {0, 1, 2, 3}, 2, 2, 4, 4);

    assertThat(resized).containsExactly(expected, within(1e-6f));
  }

  @Test
  void downscalingByTwoAveragesEachPairOfPixels() {
    float[] resized = GrayToColour.resized(new float[] {0, 2, 4, 6}, 1, 4, 1, 2);

    assertThat(resized).containsExactly(new float[] {1, 5}, within(1e-6f));
  }

  @Test
  void aConstantImageStaysConstantAtAnySize() {
    float[] image = new float[28 * 28];
    java.util.Arrays.fill(image, 0.7f);

    assertThat(GrayToColour.resized(image, 28, 28, 32, 32)).hasSize(1024).containsOnly(0.7f);
  }

  @Test
  void convertReplicatesTheResizedImageIntoEveryChannelAndKeepsLabels() {
    LabeledSamples gray = new LabeledSamples(
        new float[][] {{0, 1, 2, 3}, {1, 1, 1, 1}}, List.of(2, 2), new int[] {1, 0}, List.of("a", "b"), "gray.idx");

    LabeledSamples colour = GrayToColour.convert(gray, List.of(3, 4, 4));

    assertThat(colour.inputShape()).containsExactly(3, 4, 4);
    assertThat(colour.labels()).containsExactly(1, 0);
    assertThat(colour.classNames()).containsExactly("a", "b");
    float[] first = colour.features()[0];
    for (int c = 0; c < 3; c++) {
      assertThat(first[c * 16]).isEqualTo(0f);
      assertThat(first[c * 16 + 15]).isEqualTo(3f);
      assertThat(first[c * 16 + 5]).isEqualTo(0.75f);
    }
    assertThat(colour.source()).isEqualTo("gray.idx, resized to 4x4 (bilinear) and replicated to 3 channels");
  }

  @Test
  void appliesOnlyToSingleChannelImagesFacingAnotherImageShape() {
    assertThat(GrayToColour.applies(List.of(28, 28), List.of(3, 32, 32))).isTrue();
    assertThat(GrayToColour.applies(List.of(1, 28, 28), List.of(3, 32, 32))).isTrue();
    assertThat(GrayToColour.applies(List.of(3, 32, 32), List.of(3, 32, 32))).isFalse();
    assertThat(GrayToColour.applies(List.of(28, 28), List.of(784))).isFalse();
    assertThat(GrayToColour.applies(List.of(784), List.of(3, 32, 32))).isFalse();
  }

  @Test
  void refusesSamplesThatAreNotGrayImages() {
    LabeledSamples flat = new LabeledSamples(new float[][] {{0, 1}}, List.of(2), new int[] {0}, List.of("a"), "rows.csv");

    assertThatThrownBy(() -> GrayToColour.convert(flat, List.of(3, 4, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rows.csv: shape [2] is not a gray image to make into shape [3, 4, 4]");
  }
}
