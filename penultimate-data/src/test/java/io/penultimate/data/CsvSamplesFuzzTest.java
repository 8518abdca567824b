package io.penultimate.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** Any bytes as a CSV file, labelled and unlabelled: samples or a one-line refusal. */
@Tag("fuzz")
class CsvSamplesFuzzTest {
  @TempDir static Path dir;

  @FuzzTest
  void csvFilesAreReadOrRefusedInOneLine(byte[] input) {
    Path file = CleanRead.write(dir.resolve("data.csv"), input);
    CleanRead.check(() -> CsvSamples.read(file, LabelOptions.DEFAULT));
    CleanRead.check(() -> CsvSamples.readUnlabelled(file, LabelOptions.DEFAULT_COLUMN));
  }
}
