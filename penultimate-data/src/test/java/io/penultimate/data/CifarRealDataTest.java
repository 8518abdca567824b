package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The CIFAR-10 readers on the real images, where a copy is at hand (no machine of ours can fetch
 * one): {@code PENULTIMATE_CIFAR10_JPG} names the folder holding {@code train/<class>/NNNN.jpg}
 * and {@code test/…} (the JPEG copy, {@code cifar10-jpg/}); {@code PENULTIMATE_CIFAR10_BIN} the
 * binary distribution, compared with it image by image, the k-th image of a class in the binary
 * batch being {@code NNNN} = k in its folder.
 */
@Tag("integration")
@EnabledIfEnvironmentVariable(named = "PENULTIMATE_CIFAR10_JPG", matches = ".+")
class CifarRealDataTest {
  /** Mean absolute difference per image that JPEG re-encoding at quality ~75 stays under, on [0, 1]. */
  private static final double JPEG_ERROR = 0.04;

  private static Path folder(String variable) {
    return Path.of(System.getenv(variable));
  }

  @Test
  void readsTheFiftyThousandAndTenThousandImagesOfTheJpegCopy() {
    DataSplit cifar = Datasets.load(Datasets.CIFAR10_PREFIX + folder("PENULTIMATE_CIFAR10_JPG"), Path.of("unused"));

    assertThat(cifar.train().size() + cifar.validation().size()).isEqualTo(50_000);
    assertThat(cifar.validation().classCounts()).containsOnly(500);
    assertThat(cifar.test().classCounts()).containsOnly(1_000);
    assertThat(cifar.test().inputShape()).containsExactly(3, 32, 32);
    assertThat(cifar.test().classNames()).containsExactlyElementsOf(CifarSamples.CIFAR10_CLASSES);
    for (float[] image : cifar.test().features()) {
      for (float v : image) {
        assertThat(v).isBetween(0f, 1f);
      }
    }
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "PENULTIMATE_CIFAR10_BIN", matches = ".+")
  void theBinaryTestBatchAndTheJpegCopyHoldTheSameImagesWithinJpegError() {
    LabeledSamples binary = CifarSamples.cifar10Test(folder("PENULTIMATE_CIFAR10_BIN"));
    LabeledSamples jpeg = CifarSamples.cifar10Folder(folder("PENULTIMATE_CIFAR10_JPG"), "test");
    List<List<float[]>> binaryByClass = byClass(binary);
    List<List<float[]>> jpegByClass = byClass(jpeg);

    assertThat(binary.classNames()).isEqualTo(jpeg.classNames());
    for (int c = 0; c < binaryByClass.size(); c++) {
      assertThat(binaryByClass.get(c)).hasSameSizeAs(jpegByClass.get(c));
      for (int k = 0; k < binaryByClass.get(c).size(); k++) {
        assertThat(meanAbsoluteDifference(binaryByClass.get(c).get(k), jpegByClass.get(c).get(k)))
            .as("class %s image %d", binary.classNames().get(c), k)
            .isLessThan(JPEG_ERROR);
      }
    }
  }

  private static List<List<float[]>> byClass(LabeledSamples samples) {
    List<List<float[]>> out = new ArrayList<>();
    for (int c = 0; c < samples.classNames().size(); c++) {
      out.add(new ArrayList<>());
    }
    for (int i = 0; i < samples.size(); i++) {
      out.get(samples.labels()[i]).add(samples.features()[i]);
    }
    return out;
  }

  private static double meanAbsoluteDifference(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }
}
