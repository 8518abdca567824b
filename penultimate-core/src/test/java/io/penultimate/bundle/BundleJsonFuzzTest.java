package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any bytes as an encoder bundle file: a bundle whose invariants its records checked, or the
 * one-line IOException the CLI prints. Anything else thrown is Jazzer's finding. The committed
 * inputs start from the golden bundle of the current format version.
 */
@Tag("fuzz")
class BundleJsonFuzzTest {
  @TempDir static Path dir;

  @FuzzTest
  void bundlesAreLoadedOrRefusedInOneLine(byte[] input) throws IOException {
    Path file = Files.write(dir.resolve("bundle.json"), input);
    try {
      EncoderBundle bundle = BundleJson.read(file);
      assertThat(bundle.numClasses()).isPositive();
    } catch (IOException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
  }
}
