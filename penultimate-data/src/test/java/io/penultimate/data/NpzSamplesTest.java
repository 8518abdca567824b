package io.penultimate.data;

import static io.penultimate.data.TestFiles.float32;
import static io.penultimate.data.TestFiles.float64;
import static io.penultimate.data.TestFiles.int32;
import static io.penultimate.data.TestFiles.int64;
import static io.penultimate.data.TestFiles.npy;
import static io.penultimate.data.TestFiles.npz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzSamplesTest {
  @TempDir Path dir;

  private Path file(Map<String, byte[]> entries) {
    return npz(dir.resolve("data.npz"), entries, true);
  }

  private static Map<String, byte[]> entries(byte[] x, byte[] y) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("x.npy", x);
    entries.put("y.npy", y);
    return entries;
  }

  private static byte[] labels(long... values) {
    return npy(1, "<i8", false, "(" + values.length + ",)", int64(values));
  }

  /**
   * Written by NumPy 2.4.6 itself (stored entries with forced zip64 headers, version 1.0 arrays):
   * {@code x = (np.arange(12, dtype=np.float32) / 4 - 1.5).reshape(3, 2, 2); y = np.array([0, 2,
   * 1]); np.savez("numpy-savez.npz", x=x, y=y)}.
   */
  @Test
  void readsAFileThatNumpySavezWrote() throws URISyntaxException {
    Path real = Path.of(NpzSamplesTest.class.getResource("numpy-savez.npz").toURI());

    LabeledSamples samples = SampleFiles.read(real, LabelOptions.DEFAULT);

    assertThat(samples.inputShape()).containsExactly(2, 2);
    assertThat(samples.features()).isDeepEqualTo(new float[][] {
        {-1.5f, -1.25f, -1f, -0.75f}, {-0.5f, -0.25f, 0f, 0.25f}, {0.5f, 0.75f, 1f, 1.25f}});
    assertThat(samples.labels()).containsExactly(0, 2, 1);
    assertThat(samples.classNames()).containsExactly("0", "1", "2");
  }

  @Test
  void readsDeflatedFloat64InputsWithInt32LabelsAndAVersion2Header() {
    Path file = file(entries(npy(2, "<f8", false, "(2, 3)", float64(0.5, -2, 1e3, 4, 5, 6)),
        npy(1, "<i4", false, "(2,)", int32(1, 0))));

    LabeledSamples samples = SampleFiles.read(file, LabelOptions.DEFAULT);

    assertThat(samples.inputShape()).containsExactly(3);
    assertThat(samples.features()).isDeepEqualTo(new float[][] {{0.5f, -2f, 1000f}, {4f, 5f, 6f}});
    assertThat(samples.labels()).containsExactly(1, 0);
  }

  @Test
  void readsStoredUint8InputsAsTheyAreWithUint8Labels() {
    byte[] pixels = {0, 1, (byte) 200, (byte) 255};
    Path file = npz(dir.resolve("u8.npz"),
        entries(npy(1, "|u1", false, "(2, 1, 2)", pixels), npy(1, "|u1", false, "(2,)", new byte[] {2, 1})), false);

    LabeledSamples samples = SampleFiles.read(file, LabelOptions.DEFAULT.withClassNames(List.of("a", "b", "c")));

    assertThat(samples.inputShape()).containsExactly(1, 2);
    assertThat(samples.features()).isDeepEqualTo(new float[][] {{0f, 1f}, {200f, 255f}});
    assertThat(samples.labels()).containsExactly(2, 1);
    assertThat(samples.classNames()).containsExactly("a", "b", "c");
  }

  @Test
  void rejectsAnArchiveWithoutXOrYListingWhatItHolds() {
    Map<String, byte[]> unnamed = new LinkedHashMap<>();
    unnamed.put("arr_0.npy", npy(1, "<f4", false, "(1, 1)", float32(1)));
    Path noX = file(unnamed);
    assertThatThrownBy(() -> SampleFiles.read(noX, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(noX + " holds no array x.npy (it holds arr_0.npy); expected x (inputs) and y (labels),"
            + " as np.savez(file, x=x, y=y) writes them");
    Map<String, byte[]> onlyX = new LinkedHashMap<>();
    onlyX.put("x.npy", npy(1, "<f4", false, "(1, 1)", float32(1)));
    Path noY = npz(dir.resolve("x-only.npz"), onlyX, true);
    assertThatThrownBy(() -> SampleFiles.read(noY, LabelOptions.DEFAULT)).hasMessageContaining("holds no array y.npy");
  }

  @Test
  void readsUnlabelledInputsWithoutY() {
    Map<String, byte[]> onlyX = new LinkedHashMap<>();
    onlyX.put("x.npy", npy(1, "<f4", false, "(1, 2)", float32(1, 2)));

    LabeledSamples samples = SampleFiles.readUnlabelled(file(onlyX), "label");

    assertThat(samples.features()).isDeepEqualTo(new float[][] {{1f, 2f}});
    assertThat(samples.classNames()).isEqualTo(SampleFiles.UNLABELLED_CLASSES);
  }

  @Test
  void rejectsAnUnsupportedDtypeNamingTheExpectedOnes() {
    Path file = file(entries(npy(1, "<i2", false, "(1, 1)", new byte[2]), labels(0)));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + "!x.npy has dtype '<i2', expected float32 '<f4', float64 '<f8', uint8 '|u1'");
  }

  @Test
  void rejectsBigEndianDataSayingHowToConvertIt() {
    Path file = file(entries(npy(1, ">f4", false, "(1, 1)", new byte[4]), labels(0)));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT)).hasMessageContaining("big-endian");
  }

  @Test
  void rejectsFloatLabels() {
    Path file = file(entries(npy(1, "<f4", false, "(1, 1)", float32(1)), npy(1, "<f4", false, "(1,)", float32(0))));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .hasMessage(file + "!y.npy has dtype '<f4', expected int64 '<i8', int32 '<i4', uint8 '|u1'");
  }

  @Test
  void rejectsFortranOrder() {
    Path file = file(entries(npy(1, "<f4", true, "(2, 2)", float32(1, 2, 3, 4)), labels(0, 1)));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .hasMessageStartingWith(file + "!x.npy is in Fortran (column-major) order, expected C order");
  }

  @Test
  void rejectsInputsOfOneDimensionAndLabelsOfAnotherCount() {
    Path flat = file(entries(npy(1, "<f4", false, "(3,)", float32(1, 2, 3)), labels(0, 1, 0)));
    assertThatThrownBy(() -> SampleFiles.read(flat, LabelOptions.DEFAULT))
        .hasMessageStartingWith(flat + "!x.npy has shape (3,), expected (samples, features)");
    Path miscounted = npz(dir.resolve("miscounted.npz"), entries(npy(1, "<f4", false, "(2, 1)", float32(1, 2)), labels(0, 1, 0)), true);
    assertThatThrownBy(() -> SampleFiles.read(miscounted, LabelOptions.DEFAULT))
        .hasMessage(miscounted + "!y.npy has shape (3,), expected (2,): one label per sample of x");
  }

  @Test
  void rejectsNaNAndValuesBeyondFloat32NamingTheSampleAndValue() {
    Path nan = file(entries(npy(1, "<f4", false, "(2, 2)", float32(1, 2, 3, Float.NaN)), labels(0, 1)));
    assertThatThrownBy(() -> SampleFiles.read(nan, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(nan + "!x.npy: sample 1, value 1 is NaN, expected a finite number");
    Path huge = npz(dir.resolve("huge.npz"), entries(npy(1, "<f8", false, "(1, 1)", float64(1e300)), labels(0)), true);
    assertThatThrownBy(() -> SampleFiles.read(huge, LabelOptions.DEFAULT))
        .hasMessage(huge + "!x.npy: sample 0, value 0 is Infinity as a float32, expected a finite number");
  }

  @Test
  void rejectsALabelOutsideTheGivenClasses() {
    Path file = file(entries(npy(1, "<f4", false, "(2, 1)", float32(1, 2)), labels(1, 5)));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT.withClassNames(List.of("a", "b"))))
        .hasMessage(file + "!y.npy: label 1 is 5, expected a class index 0..1");
    assertThatThrownBy(() -> SampleFiles.read(file(entries(npy(1, "<f4", false, "(1, 1)", float32(1)), labels(-1))),
        LabelOptions.DEFAULT)).hasMessageContaining("label 0 is -1, expected a class index");
  }

  @Test
  void rejectsAnArrayWhoseSizeDiffersFromWhatItsHeaderPromises() {
    byte[] whole = npy(1, "<f4", false, "(2, 2)", float32(1, 2, 3, 4));
    Path file = file(entries(Arrays.copyOf(whole, whole.length - 4), labels(0, 1)));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + "!x.npy holds " + (whole.length - 4) + " bytes, but its header (<f4, shape (2, 2)) promises "
            + whole.length);
  }

  @Test
  void rejectsAFileThatIsNotAZipArchive() {
    Path file = TestFiles.write(dir.resolve("fake.npz"), "not a zip".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(file + " is not a valid zip archive, as np.savez writes");
  }

  @Test
  void rejectsAnEntryWithoutTheNpyMagicOrWithAnotherVersion() {
    Path noMagic = file(entries("plain text".getBytes(StandardCharsets.US_ASCII), labels(0)));
    assertThatThrownBy(() -> SampleFiles.read(noMagic, LabelOptions.DEFAULT))
        .hasMessage(noMagic + "!x.npy is not a .npy array: expected the magic bytes \\x93NUMPY at its start");
    byte[] version3 = npy(2, "<f4", false, "(1, 1)", float32(1));
    version3[6] = 3;
    Path three = npz(dir.resolve("v3.npz"), entries(version3, labels(0)), true);
    assertThatThrownBy(() -> SampleFiles.read(three, LabelOptions.DEFAULT))
        .hasMessage(three + "!x.npy: .npy format version 3.0 is not supported, expected 1.0 or 2.0");
  }

  @Test
  void rejectsAHeaderThatIsNotTheExpectedDict() {
    byte[] broken = npy(1, "<f4", false, "(1, 1)", float32(1));
    int shape = new String(broken, StandardCharsets.ISO_8859_1).indexOf("(1, 1)");
    broken[shape] = '[';
    Path file = file(entries(broken, labels(0)));

    assertThatThrownBy(() -> SampleFiles.read(file, LabelOptions.DEFAULT))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(file + "!x.npy: cannot parse the .npy header {'descr': '<f4', 'fortran_order': False, 'shape': [1, 1), }");
  }

  @Test
  void acceptsPython2LongSuffixesInTheShape() {
    Path file = file(entries(npy(1, "<f4", false, "(1L, 2L)", float32(1, 2)), labels(0)));

    assertThat(SampleFiles.read(file, LabelOptions.DEFAULT).inputShape()).containsExactly(2);
  }
}
