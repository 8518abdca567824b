package io.penultimate.data;

import static io.penultimate.data.TestFiles.digitValue;
import static io.penultimate.data.TestFiles.extract;
import static io.penultimate.data.TestFiles.gzip;
import static io.penultimate.data.TestFiles.npmPackage;
import static io.penultimate.data.TestFiles.tar;
import static io.penultimate.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmMnistDigitsTest {
  @TempDir Path dir;

  @Test
  void readsTheExtractedPackageDigitByDigit() {
    LabeledSamples digits = NpmMnistDigits.load(extract(dir, npmPackage(2)));

    assertThat(digits.size()).isEqualTo(20);
    assertThat(digits.inputSize()).isEqualTo(784);
    assertThat(digits.labels()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9);
    assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    // Image 7 is the second image of digit 3.
    assertThat(digits.features()[7][0]).isCloseTo(digitValue(3, 1, 0), within(1e-6f));
    assertThat(digits.features()[7][783]).isCloseTo(digitValue(3, 1, 783), within(1e-6f));
  }

  @Test
  void readsTheTarballLikeTheExtractedPackage() {
    Map<String, byte[]> files = npmPackage(2);
    Path tarball = write(dir.resolve(NpmMnistDigits.TARBALL), gzip(tar(files)));

    LabeledSamples fromTarball = NpmMnistDigits.load(tarball);
    LabeledSamples fromDirectory = NpmMnistDigits.load(extract(dir.resolve("x"), files));

    assertThat(fromTarball.labels()).containsExactly(fromDirectory.labels());
    assertThat(Arrays.deepEquals(fromTarball.features(), fromDirectory.features())).isTrue();
    assertThat(fromTarball.source()).isEqualTo(tarball.toString());
  }

  @Test
  void namesTheMissingDigitFiles() {
    Map<String, byte[]> files = npmPackage(1);
    files.remove("package/src/digits/7.json");
    Path tarball = write(dir.resolve("t.tgz"), gzip(tar(files)));

    assertThatThrownBy(() -> NpmMnistDigits.load(tarball))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(tarball + " lacks the digit files [7]");
  }

  @Test
  void rejectsAValueCountThatIsNotAMultipleOf784() {
    Map<String, byte[]> files = npmPackage(1);
    files.put("package/src/digits/3.json", json("{\"data\": [" + "0,".repeat(784) + "1]}"));
    extract(dir, files);

    assertThatThrownBy(() -> NpmMnistDigits.load(dir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("3.json")
        .hasMessageContaining("holds 785 values, expected a multiple of 784");
  }

  @Test
  void namesFileImageAndPixelOfAValueOutside01() {
    Map<String, byte[]> files = npmPackage(1);
    String secondImagePixel9Is15 = "0,".repeat(784 + 9) + "1.5" + ",0".repeat(784 - 10);
    files.put("package/src/digits/5.json", json("{\"data\": [" + secondImagePixel9Is15 + "]}"));
    Path tarball = write(dir.resolve("t.tgz"), gzip(tar(files)));

    assertThatThrownBy(() -> NpmMnistDigits.load(tarball))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(tarball + "!package/src/digits/5.json")
        .hasMessageContaining("(image 1, pixel 9) is 1.5, expected a grayscale value in [0, 1]");
  }

  @Test
  void namesTheFileOfMalformedJson() {
    Map<String, byte[]> files = npmPackage(1);
    files.put("package/src/digits/0.json", json("{\"data\": [0, 0,"));
    extract(dir, files);

    assertThatThrownBy(() -> NpmMnistDigits.load(dir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("0.json is not valid JSON");
  }

  @Test
  void rejectsAFileWithoutADataArray() {
    Map<String, byte[]> files = npmPackage(1);
    files.put("package/src/digits/9.json", json("{\"pixels\": [0]}"));
    extract(dir, files);

    assertThatThrownBy(() -> NpmMnistDigits.load(dir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("9.json: expected a \"data\" array, found none");
  }

  @Test
  void reportsATruncatedTarArchive() {
    byte[] tar = tar(npmPackage(1));
    Path tarball = write(dir.resolve("t.tgz"), gzip(Arrays.copyOf(tar, tar.length / 2)));

    assertThatThrownBy(() -> NpmMnistDigits.load(tarball))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining(tarball + " is a truncated tar archive");
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
