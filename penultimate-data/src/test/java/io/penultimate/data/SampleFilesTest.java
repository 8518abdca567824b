package io.penultimate.data;

import static io.penultimate.data.TestFiles.gzip;
import static io.penultimate.data.TestFiles.idxImages;
import static io.penultimate.data.TestFiles.idxLabels;
import static io.penultimate.data.TestFiles.rampPixels;
import static io.penultimate.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The format is told by the path; IDX pairs are found by their standard names. */
class SampleFilesTest {
  @TempDir Path dir;

  private Path idxPair(Path folder, String prefix, int... labels) {
    write(folder.resolve(prefix + "-labels-idx1-ubyte"), idxLabels(labels));
    return write(folder.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idxImages(labels.length, 2, 3, rampPixels(labels.length, 6))));
  }

  @Test
  void readsAnIdxImagesFileWithTheLabelsFileBesideItScaledAsTheNamedDataSets() {
    Path images = idxPair(dir, "own", 1, 0, 2);

    LabeledSamples samples = SampleFiles.read(images, LabelOptions.DEFAULT);

    assertThat(samples.inputShape()).containsExactly(2, 3);
    assertThat(samples.labels()).containsExactly(1, 0, 2);
    assertThat(samples.classNames()).containsExactly("0", "1", "2");
    assertThat(samples.features()[1][0]).isEqualTo(6 / 255f);
  }

  @Test
  void readsAFolderHoldingOneIdxPairWithTheDefaultClassNames() {
    idxPair(dir, "t10k", 1, 0);

    LabeledSamples samples = SampleFiles.read(dir, LabelOptions.DEFAULT.withDefaultClassNames(List.of("a", "b", "c")));

    assertThat(samples.classNames()).containsExactly("a", "b", "c");
    assertThat(samples.size()).isEqualTo(2);
  }

  @Test
  void rejectsAFolderHoldingTwoIdxPairsSayingHowToChoose() {
    idxPair(dir, "train", 0);
    idxPair(dir, "t10k", 0);

    assertThatThrownBy(() -> SampleFiles.read(dir, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(dir + " holds 2 IDX images files (t10k-images-idx3-ubyte.gz, train-images-idx3-ubyte.gz); expected one:"
            + " name the file, e.g. " + dir.resolve("t10k-images-idx3-ubyte.gz") + ", or read the folder's standard files"
            + " with --dataset idx:" + dir);
  }

  @Test
  void rejectsAnIdxLabelOutsideTheGivenClasses() {
    Path images = idxPair(dir, "own", 0, 3);

    assertThatThrownBy(() -> SampleFiles.read(images, LabelOptions.DEFAULT.withClassNames(List.of("a", "b"))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(dir.resolve("own-labels-idx1-ubyte") + ": label 3 of item 1 is out of range, expected a class index 0..1");
  }

  @Test
  void rejectsAnIdxImagesFileWithoutItsLabelsUnlessReadUnlabelled() {
    Path images = write(dir.resolve("x-images-idx3-ubyte"), idxImages(1, 1, 2, rampPixels(1, 2)));

    assertThatThrownBy(() -> SampleFiles.read(images, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(images + " has no labels file beside it: expected " + dir.resolve("x-labels-idx1-ubyte") + "[.gz]");
    assertThat(SampleFiles.readUnlabelled(images, "label").features()).isDeepEqualTo(new float[][] {{0f, 1 / 255f}});
  }

  @Test
  void rejectsAnUnknownFormatListingTheKnownOnes() {
    Path file = write(dir.resolve("data.parquet"), new byte[1]);

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(file + ": unknown data format; expected a .csv or .npz file, an IDX images file");
  }

  @Test
  void namesAMissingPath() {
    Path missing = dir.resolve("none.csv");

    assertThatThrownBy(() -> SampleFiles.read(missing, LabelOptions.DEFAULT))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("missing file " + missing);
  }
}
