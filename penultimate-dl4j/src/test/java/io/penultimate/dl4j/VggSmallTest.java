package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.model.ModelOutputs;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class VggSmallTest {
  private static final int CLASSES = 3;
  private static final List<Integer> SMALL_IMAGE = List.of(3, 8, 8); // three 2x2 poolings leave 1x1

  @Test
  void readsChannelsFirstCifarImagesAndItsLastHiddenLayerIs512Wide() {
    MultiLayerNetwork network = ModelRecipe.VGG_SMALL.initialised(List.of(3, 32, 32), 10, 1);
    HiddenProbe probe = HiddenProbe.of(network, null);

    ModelOutputs outputs = probe.probe(new float[2][3 * 32 * 32]);

    assertThat(probe.inputSize()).isEqualTo(3072);
    assertThat(probe.width()).isEqualTo(512).isEqualTo(ModelRecipe.VGG_SMALL.hiddenWidth());
    assertThat(outputs.hidden()[0]).hasSize(512);
    assertThat(outputs.logits()[1]).hasSize(10);
  }

  @Test
  void refusesFlatRows() {
    assertThatThrownBy(() -> ModelRecipe.VGG_SMALL.initialised(List.of(784), 10, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vgg-small reads images of shape (channels, height, width), found input shape [784]");
  }

  @Test
  void learnsImagesWhoseClassIsTheirBrightestChannelWithAugmentation() {
    float[][] images = images(300, 1);
    int[] labels = labels(300);
    TrainingSettings settings = new TrainingSettings(1, 32, 3, 3, 0.05, true);

    Trainer.Trained trained =
        new Trainer(settings).train(ModelRecipe.VGG_SMALL, SMALL_IMAGE, images, labels, images(90, 2), labels(90), CLASSES,
            Trainer.Progress.NONE);

    assertThat(trained.validationAccuracy()).isGreaterThan(0.9);
    assertThat(trained.epochs()).hasSize(3).allSatisfy(epoch -> assertThat(epoch.imagesPerSecond()).isPositive());
  }

  @Test
  void refusesToAugmentFlatRows() {
    TrainingSettings settings = TrainingSettings.defaults(1).withAugment(true);
    float[][] rows = new float[3][4];

    assertThatThrownBy(() -> new Trainer(settings).train(ModelRecipe.PAPER_MLP, List.of(4), rows, new int[3], rows, new int[3], 2,
            Trainer.Progress.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("augmentation applies to images; paper-mlp reads flat rows");
  }

  /** Noise in [0, 0.5) with the channel of the image's class raised by 0.5. */
  private static float[][] images(int n, long seed) {
    Random random = new Random(seed);
    float[][] images = new float[n][3 * 64];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < images[i].length; p++) {
        images[i][p] = 0.5f * random.nextFloat() + (p / 64 == i % CLASSES ? 0.5f : 0);
      }
    }
    return images;
  }

  private static int[] labels(int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
    }
    return labels;
  }
}
