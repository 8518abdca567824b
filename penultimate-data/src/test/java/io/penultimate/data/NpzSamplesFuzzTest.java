package io.penultimate.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** Any bytes as a .npz file, labelled and unlabelled: samples or a one-line refusal. */
@Tag("fuzz")
class NpzSamplesFuzzTest {
  @TempDir static Path dir;

  @FuzzTest
  void npzFilesAreReadOrRefusedInOneLine(byte[] input) {
    Path file = CleanRead.write(dir.resolve("data.npz"), input);
    CleanRead.check(() -> NpzSamples.read(file, LabelOptions.DEFAULT));
    CleanRead.check(() -> NpzSamples.readUnlabelled(file));
  }
}
