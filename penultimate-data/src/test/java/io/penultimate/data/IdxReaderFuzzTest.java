package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** Any bytes as an IDX image file and as an IDX label file, plain or gzipped: samples or a one-line refusal. */
@Tag("fuzz")
class IdxReaderFuzzTest {
  @TempDir static Path dir;

  @FuzzTest
  void idxFilesAreReadOrRefusedInOneLine(byte[] input) {
    Path file = CleanRead.write(dir.resolve("images-idx3-ubyte"), input);
    CleanRead.check(() -> {
      for (float[] row : IdxReader.readImages(file)) {
        for (float value : row) {
          assertThat(value).isBetween(0f, 1f);
        }
      }
      return null;
    });
    CleanRead.check(() -> {
      for (int label : IdxReader.readLabels(file, 10)) {
        assertThat(label).isBetween(0, 9);
      }
      return null;
    });
  }
}
