package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.data.LabeledSamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetOptionsTest {
  @TempDir Path dir;

  @Test
  void colourDataSetsFaceBothGrayDataSetsAndTheGrayOnesEachOther() {
    assertThat(DatasetOptions.counterpart("cifar10:/data/cifar")).isEqualTo("mnist+fashion-mnist");
    assertThat(DatasetOptions.counterpart("cifar100-coarse:/data/cifar")).isEqualTo("mnist+fashion-mnist");
    assertThat(DatasetOptions.counterpart("mnist")).isEqualTo("fashion-mnist");
    assertThat(DatasetOptions.counterpart("fashion-mnist")).isEqualTo("mnist");
  }

  @Test
  void poolsNamedSetsJoinedByPlusOnly() {
    assertThat(DatasetOptions.isOodName("mnist+fashion-mnist")).isTrue();
    assertThat(DatasetOptions.isOodName("mnist")).isTrue();
    assertThat(DatasetOptions.isOodName("mnist+digits.csv")).isFalse();
    assertThat(DatasetOptions.isOodName("digits.csv")).isFalse();
  }

  @Test
  void grayTestImagesFacingAColourNetworkAreResizedReplicatedAndPooledBySet() throws Exception {
    Path first = TinyIdx.write(dir.resolve("first"), 2, 4, 6, 1);
    Path second = TinyIdx.write(dir.resolve("second"), 2, 4, 3, 2);

    LabeledSamples ood = DatasetOptions.loadOod("idx:" + first + "+idx:" + second, dir, List.of(3, 32, 32));

    assertThat(ood.size()).isEqualTo(9);
    assertThat(ood.inputShape()).containsExactly(3, 32, 32);
    assertThat(ood.classNames()).containsExactly("idx:" + first, "idx:" + second);
    assertThat(ood.labels()).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1);
    float[] image = ood.features()[0];
    for (int p = 0; p < 1024; p++) {
      assertThat(image[1024 + p]).isEqualTo(image[p]);
      assertThat(image[2048 + p]).isEqualTo(image[p]);
    }
    assertThat(ood.source()).contains("resized to 32x32 (bilinear) and replicated to 3 channels");
  }

  @Test
  void grayImagesFacingAFlatNetworkStayAsTheyAre() throws Exception {
    Path idx = TinyIdx.write(dir.resolve("idx"), 2, 4, 6, 1);

    LabeledSamples ood = DatasetOptions.loadOod("idx:" + idx, dir, List.of(784));

    assertThat(ood.inputShape()).containsExactly(28, 28);
    assertThat(ood.size()).isEqualTo(6);
  }
}
