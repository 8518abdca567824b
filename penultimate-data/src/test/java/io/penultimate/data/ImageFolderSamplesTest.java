package io.penultimate.data;

import static io.penultimate.data.TestFiles.gray;
import static io.penultimate.data.TestFiles.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSamplesTest {
  @TempDir Path dir;

  private static LabeledSamples read(Path dir) {
    return SampleFiles.read(dir, LabelOptions.DEFAULT);
  }

  /** An RGB image whose pixel (x, y) has red 10y + x, green 100 + x, blue 200 + y. */
  private static BufferedImage rgb(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, ((10 * y + x) << 16) | ((100 + x) << 8) | (200 + y));
      }
    }
    return image;
  }

  @Test
  void readsClassFoldersSortedByNameWithTheirImagesSortedToo() {
    image(dir.resolve("dog/b.png"), gray(3, 2, 50));
    image(dir.resolve("dog/a.png"), gray(3, 2, 40));
    image(dir.resolve("cat/z.png"), gray(3, 2, 0));

    LabeledSamples samples = read(dir);

    assertThat(samples.classNames()).containsExactly("cat", "dog");
    assertThat(samples.labels()).containsExactly(0, 1, 1);
    assertThat(samples.inputShape()).containsExactly(1, 2, 3);
    assertThat(samples.features()[0]).containsExactly(0, 1, 2, 10, 11, 12);
    assertThat(samples.features()[1]).containsExactly(40, 41, 42, 50, 51, 52);
    assertThat(samples.source()).isEqualTo(dir.toString());
  }

  @Test
  void laysRgbPixelsOutChannelsFirstAsRead() {
    image(dir.resolve("only/1.png"), rgb(2, 2));

    LabeledSamples samples = read(dir);

    assertThat(samples.inputShape()).containsExactly(3, 2, 2);
    assertThat(samples.features()[0]).containsExactly(0, 1, 10, 11, 100, 101, 100, 101, 200, 200, 201, 201);
  }

  @Test
  void readsJpegImagesAsRgbToWithinCompressionError() {
    BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        flat.setRGB(x, y, (200 << 16) | (100 << 8) | 30);
      }
    }
    image(dir.resolve("c/photo.jpg"), flat);

    float[] values = read(dir).features()[0];

    assertThat(values).hasSize(3 * 64);
    assertThat(values[0]).isCloseTo(200, within(4f));
    assertThat(values[64]).isCloseTo(100, within(4f));
    assertThat(values[128]).isCloseTo(30, within(4f));
  }

  @Test
  void readsAPaletteImageAsItsPalettesColours() {
    IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {10, 20}, new byte[] {30, 40}, new byte[] {50, 60});
    BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
    indexed.getRaster().setSample(1, 0, 0, 1);
    image(dir.resolve("c/p.png"), indexed);

    LabeledSamples samples = read(dir);

    assertThat(samples.inputShape()).containsExactly(3, 1, 2);
    assertThat(samples.features()[0]).containsExactly(10, 20, 30, 40, 50, 60);
  }

  @Test
  void ordersClassesByTheGivenNamesAndAllowsAClassWithoutAFolder() {
    image(dir.resolve("cat/1.png"), gray(1, 1, 1));
    image(dir.resolve("dog/1.png"), gray(1, 1, 2));

    LabeledSamples samples = SampleFiles.read(dir, LabelOptions.DEFAULT.withClassNames(List.of("dog", "bird", "cat")));

    assertThat(samples.classNames()).containsExactly("dog", "bird", "cat");
    assertThat(samples.labels()).containsExactly(2, 0);
  }

  @Test
  void ignoresTheDefaultClassNamesBecauseTheFoldersNameTheClasses() {
    image(dir.resolve("cat/1.png"), gray(1, 1, 1));

    LabeledSamples samples = SampleFiles.read(dir, LabelOptions.DEFAULT.withDefaultClassNames(List.of("0", "1")));

    assertThat(samples.classNames()).containsExactly("cat");
  }

  @Test
  void rejectsAFolderThatIsNotAGivenClass() {
    image(dir.resolve("cat/1.png"), gray(1, 1, 1));

    assertThatThrownBy(() -> SampleFiles.read(dir, LabelOptions.DEFAULT.withClassNames(List.of("dog"))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(dir.resolve("cat") + " is not one of the classes given (dog): expected a sub-folder per class, named as the class");
  }

  @Test
  void rejectsAnImageOfAnotherSizeNamingBothFiles() {
    image(dir.resolve("a/1.png"), gray(3, 2, 0));
    Path odd = image(dir.resolve("b/1.png"), gray(2, 3, 0));

    assertThatThrownBy(() -> read(dir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(odd + " is 2x3 with 1 channel, expected 3x2 with 1 channel like " + dir.resolve("a/1.png"));
  }

  @Test
  void rejectsAnImageWithAnotherChannelCount() {
    image(dir.resolve("a/1.png"), gray(2, 2, 0));
    Path colour = image(dir.resolve("a/2.png"), rgb(2, 2));

    assertThatThrownBy(() -> read(dir)).hasMessageStartingWith(colour + " is 2x2 with 3 channels, expected 2x2 with 1 channel");
  }

  @Test
  void rejectsSixteenBitImages() {
    Path deep = image(dir.resolve("a/1.png"), new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY));

    assertThatThrownBy(() -> read(dir))
        .hasMessage(deep + " has 16-bit samples, expected 8-bit gray, gray + alpha, RGB or RGBA, or a palette");
  }

  @Test
  void rejectsAnEmptyClassFolderAFileThatIsNoImageAndAnImageOutsideTheClassFolders() {
    image(dir.resolve("a/1.png"), gray(1, 1, 0));
    TestFiles.write(dir.resolve("b/.DS_Store"), new byte[1]);
    assertThatThrownBy(() -> read(dir)).hasMessage(dir.resolve("b") + " holds no images: expected at least one .png or .jpg per class folder");

    Path notes = TestFiles.write(dir.resolve("b/notes.txt"), "x".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> read(dir)).hasMessage(notes + " is not a PNG or JPEG image (.png, .jpg, .jpeg)");

    Path stray = image(dir.resolve("stray.png"), gray(1, 1, 0));
    assertThatThrownBy(() -> read(dir)).hasMessage(stray + " lies outside any class folder: expected DIR/<class>/<image>");
  }

  @Test
  void rejectsAFileNamedAsAnImageThatIsNone() {
    Path fake = TestFiles.write(dir.resolve("a/1.png"), "not a png".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> read(dir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(fake + " is not a PNG or JPEG image that Java's ImageIO can read");
  }

  @Test
  void rejectsAFolderWithoutClassFolders() {
    assertThatThrownBy(() -> read(dir)).hasMessage(dir + " holds no class sub-folders: expected DIR/<class>/<image>.png or .jpg");
  }

  @Test
  void readsUnlabelledImagesWhateverTheirFoldersAreCalled() {
    image(dir.resolve("anything/1.png"), gray(1, 1, 7));
    image(dir.resolve("else/1.png"), gray(1, 1, 8));

    LabeledSamples samples = SampleFiles.readUnlabelled(dir, "label");

    assertThat(samples.classNames()).isEqualTo(SampleFiles.UNLABELLED_CLASSES);
    assertThat(samples.features()).isDeepEqualTo(new float[][] {{7f}, {8f}});
  }
}
