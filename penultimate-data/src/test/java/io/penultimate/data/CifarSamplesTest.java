package io.penultimate.data;

import static io.penultimate.data.TestFiles.image;
import static io.penultimate.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarSamplesTest {
  private static final int PIXELS = 3 * 32 * 32;

  @TempDir Path dir;

  /** Record {@code i}'s pixel p is (i + p) mod 256, so every record and position differs. */
  private static byte[] pixels(int i) {
    byte[] pixels = new byte[PIXELS];
    for (int p = 0; p < PIXELS; p++) {
      pixels[p] = (byte) (i + p);
    }
    return pixels;
  }

  /** Records of the given label bytes each, then {@link #pixels}, numbered from {@code first}. */
  private static byte[] records(int first, int[]... labelBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < labelBytes.length; i++) {
      for (int label : labelBytes[i]) {
        out.write(label);
      }
      out.writeBytes(pixels(first + i));
    }
    return out.toByteArray();
  }

  /** Five training batches of 20 images (labels 0..9, twice, in each) and a test batch of 4. */
  private Path cifar10Binary() {
    for (int b = 1; b <= 5; b++) {
      int[][] labels = new int[20][];
      for (int i = 0; i < 20; i++) {
        labels[i] = new int[] {i % 10};
      }
      write(dir.resolve("data_batch_" + b + ".bin"), records(100 * b, labels));
    }
    write(dir.resolve("test_batch.bin"), records(0, new int[] {3}, new int[] {9}, new int[] {0}, new int[] {3}));
    return dir;
  }

  @Test
  void readsTheCifar10BinaryBatchesScaledToOneWithATenthOfTrainingAsValidation() {
    DataSplit split = Datasets.load("cifar10:" + cifar10Binary(), Path.of("unused"));

    assertThat(split.train().size()).isEqualTo(90);
    assertThat(split.validation().classCounts()).containsOnly(1);
    assertThat(split.test().labels()).containsExactly(3, 9, 0, 3);
    assertThat(split.test().inputShape()).containsExactly(3, 32, 32);
    assertThat(split.test().classNames()).containsExactly(
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
    float[] second = split.test().features()[1];
    assertThat(second[0]).isEqualTo(1 / 255f);
    assertThat(second[1023]).isEqualTo((1 + 1023) % 256 / 255f); // last red pixel
    assertThat(second[PIXELS - 1]).isEqualTo((1 + PIXELS - 1) % 256 / 255f);
  }

  @Test
  void namesCifar10ClassesFromBatchesMetaWhenItIsThere() {
    cifar10Binary();
    write(dir.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n".getBytes(StandardCharsets.UTF_8));

    assertThat(Datasets.load("cifar10:" + dir, Path.of("unused")).train().classNames()).containsExactly(
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
  }

  @Test
  void readsCifar100FineOrCoarseLabels() {
    write(dir.resolve("train.bin"), records(0, new int[] {19, 99}, new int[] {0, 5}, new int[] {19, 98}, new int[] {0, 4}));
    write(dir.resolve("test.bin"), records(7, new int[] {3, 42}));

    DataSplit fine = Datasets.load("cifar100:" + dir, Path.of("unused"));
    DataSplit coarse = Datasets.load("cifar100-coarse:" + dir, Path.of("unused"));

    assertThat(fine.test().labels()).containsExactly(42);
    assertThat(fine.test().classNames()).hasSize(100);
    assertThat(fine.test().features()[0][0]).isEqualTo(7 / 255f);
    assertThat(coarse.test().labels()).containsExactly(3);
    assertThat(coarse.test().classNames()).hasSize(20);
    assertThat(coarse.train().size() + coarse.validation().size()).isEqualTo(4);
  }

  @Test
  void namesCifar100ClassesFromTheLabelNameFiles() {
    write(dir.resolve("train.bin"), records(0, new int[] {1, 1}));
    write(dir.resolve("test.bin"), records(0, new int[] {1, 1}));
    StringBuilder coarse = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      coarse.append("superclass").append(i).append('\n');
    }
    write(dir.resolve("coarse_label_names.txt"), coarse.toString().getBytes(StandardCharsets.UTF_8));

    LabeledSamples test = CifarSamples.cifar100(dir, "test.bin", CifarSamples.Cifar100Labels.COARSE);

    assertThat(test.classNames().get(1)).isEqualTo("superclass1");
  }

  @Test
  void rejectsAFileThatIsNotWholeRecords() {
    cifar10Binary();
    write(dir.resolve("test_batch.bin"), new byte[3073 + 5]);

    assertThatThrownBy(() -> Datasets.load("cifar10:" + dir, Path.of("unused")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(dir.resolve("test_batch.bin") + " has 3078 bytes, not a whole number of 3073-byte CIFAR records"
            + " (1 label byte and 3x32x32 pixels)");
  }

  @Test
  void rejectsALabelBeyondTheClasses() {
    cifar10Binary();
    write(dir.resolve("test_batch.bin"), records(0, new int[] {10}));

    assertThatThrownBy(() -> Datasets.load("cifar10:" + dir, Path.of("unused")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(dir.resolve("test_batch.bin") + ": record 0 has label 10, expected 0..9");
  }

  @Test
  void readsImageFoldersAsTheSamePixelsAsTheBinaryRecords() {
    // PNG is lossless, so the folder copy of a binary record must give exactly its values
    byte[] record = pixels(5);
    BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        for (int c = 0; c < 3; c++) {
          rgb.getRaster().setSample(x, y, c, Byte.toUnsignedInt(record[c * 1024 + y * 32 + x]));
        }
      }
    }
    for (String split : List.of("train", "test")) {
      for (String name : CifarSamples.CIFAR10_CLASSES) {
        for (int i = 0; i < 10; i++) {
          image(dir.resolve(split).resolve(name).resolve(i + ".png"), rgb);
        }
      }
    }
    write(dir.resolve("binary").resolve("x.bin"), records(5, new int[] {2}));

    DataSplit folders = Datasets.load("cifar10:" + dir, Path.of("unused"));
    LabeledSamples binary = CifarSamples.read(dir.resolve("binary").resolve("x.bin"), 1, 0, CifarSamples.CIFAR10_CLASSES);

    assertThat(folders.train().size()).isEqualTo(90);
    assertThat(folders.test().features()[0]).containsExactly(binary.features()[0]);
    assertThat(folders.test().classCounts()).containsOnly(10);
  }

  @Test
  void saysWhichLayoutsItExpectsOfAnEmptyDirectory() throws Exception {
    Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> Datasets.load("cifar10:" + dir.resolve("empty"), Path.of("unused")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("holds neither the CIFAR-10 binary files (test_batch.bin, data_batch_1.bin …) nor image folders train/<class>/");
  }

  @Test
  void saysWhenTheDirectoryIsMissing() {
    assertThatThrownBy(() -> Datasets.load("cifar100:" + dir.resolve("nowhere"), Path.of("unused")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("data set cifar100:" + dir.resolve("nowhere") + ": " + dir.resolve("nowhere") + " is not a directory");
  }
}
