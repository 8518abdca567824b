package io.penultimate.data;

import static io.penultimate.data.TestFiles.gzip;
import static io.penultimate.data.TestFiles.idxImages;
import static io.penultimate.data.TestFiles.idxLabels;
import static io.penultimate.data.TestFiles.rampPixels;
import static io.penultimate.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final List<String> TEN = NpmMnistDigits.CLASS_NAMES;

  @TempDir Path dir;

  @Test
  void readsPlainImagesScaledTo01AndTheirLabels() {
    byte[] pixels = {0, 51, (byte) 255, 102, 1, 2, 3, 4, 5, 6, 7, 8};
    Path images = write(dir.resolve("images"), idxImages(3, 2, 2, pixels));
    Path labels = write(dir.resolve("labels"), idxLabels(7, 0, 9));

    LabeledSamples read = IdxReader.read(images, labels, TEN);

    assertThat(read.size()).isEqualTo(3);
    assertThat(read.inputSize()).isEqualTo(4);
    assertThat(read.features()[0]).containsExactly(new float[] {0f, 0.2f, 1f, 0.4f}, within(1e-7f));
    assertThat(read.labels()).containsExactly(7, 0, 9);
    assertThat(read.source()).contains(images.toString(), labels.toString());
  }

  @Test
  void detectsGzipByContentNotByFileName() {
    byte[] plain = idxImages(2, 28, 28, rampPixels(2, 784));
    Path gzippedWithoutSuffix = write(dir.resolve("train-images-idx3-ubyte"), gzip(plain));
    Path plainWithGzSuffix = write(dir.resolve("plain.gz"), plain);

    float[][] fromGzip = IdxReader.readImages(gzippedWithoutSuffix);
    float[][] fromPlain = IdxReader.readImages(plainWithGzSuffix);

    assertThat(fromGzip).hasDimensions(2, 784);
    assertThat(Arrays.deepEquals(fromGzip, fromPlain)).isTrue();
    assertThat(fromGzip[1][0]).isEqualTo((784 % 256) / 255f);
  }

  @Test
  void namesExpectedAndFoundMagicWhenLabelsAreReadAsImages() {
    Path labels = write(dir.resolve("labels.idx"), idxLabels(1, 2));

    assertThatThrownBy(() -> IdxReader.readImages(labels))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(labels.toString())
        .hasMessageContaining("expected IDX magic 0x00000803")
        .hasMessageContaining("found 0x00000801");
  }

  @Test
  void reportsHowManyBytesATruncatedImageFileLacks() {
    byte[] whole = idxImages(3, 2, 2, rampPixels(3, 4));
    Path truncated = write(dir.resolve("images"), Arrays.copyOf(whole, whole.length - 2));

    assertThatThrownBy(() -> IdxReader.readImages(truncated))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(truncated + " is truncated")
        .hasMessageContaining("promises 3 images of 2x2 (12 bytes after the header)")
        .hasMessageContaining("only 10 bytes follow");
  }

  @Test
  void reportsATruncatedLabelFile() {
    byte[] whole = idxLabels(1, 2, 3);
    Path truncated = write(dir.resolve("labels"), Arrays.copyOf(whole, whole.length - 1));

    assertThatThrownBy(() -> IdxReader.readLabels(truncated, 10))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("promises 3 labels")
        .hasMessageContaining("only 2 bytes follow");
  }

  @Test
  void rejectsBytesAfterThePromisedContent() {
    byte[] whole = idxLabels(1, 2);
    Path longer = write(dir.resolve("labels"), Arrays.copyOf(whole, whole.length + 1));

    assertThatThrownBy(() -> IdxReader.readLabels(longer, 10))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(longer + " has trailing bytes")
        .hasMessageContaining("promises 10 bytes");
  }

  @Test
  void namesBothFilesWhenImageAndLabelCountsDiffer() {
    Path images = write(dir.resolve("imgs.gz"), gzip(idxImages(2, 2, 2, rampPixels(2, 4))));
    Path labels = write(dir.resolve("lbls.gz"), gzip(idxLabels(1, 2, 3)));

    assertThatThrownBy(() -> IdxReader.read(images, labels, TEN))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(images + " holds 2 images")
        .hasMessageContaining(labels + " holds 3 labels");
  }

  @Test
  void rejectsCorruptGzipData() {
    byte[] gz = gzip(idxImages(4, 28, 28, rampPixels(4, 784)));
    for (int i = 20; i < 60; i++) {
      gz[i] ^= (byte) 0x5a;
    }
    Path corrupt = write(dir.resolve("corrupt.gz"), gz);

    assertThatThrownBy(() -> IdxReader.readImages(corrupt))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(corrupt + " is corrupt gzip data");
  }

  @Test
  void rejectsACutOffGzipStream() {
    byte[] gz = gzip(idxImages(4, 28, 28, rampPixels(4, 784)));
    Path cut = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));

    assertThatThrownBy(() -> IdxReader.readImages(cut))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(cut + " is corrupt gzip data");
  }

  @Test
  void namesTheItemWhoseLabelIsOutOfRange() {
    Path labels = write(dir.resolve("labels"), idxLabels(3, 10, 4));

    assertThatThrownBy(() -> IdxReader.readLabels(labels, 10))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(labels + ": label 10 of item 1 is out of range, expected 0..9");
  }

  @Test
  void rejectsAHeaderPromisingImpossiblyLargeImages() {
    Path huge = write(dir.resolve("huge"), idxImages(1, 65_536, 65_536, new byte[0]));

    assertThatThrownBy(() -> IdxReader.readImages(huge))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("65536x65536 exceed the limit");
  }
}
