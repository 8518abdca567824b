package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/** Any bytes as a tar archive: each regular file's bytes, within the archive, or a one-line refusal. */
@Tag("fuzz")
class TarEntriesFuzzTest {
  @FuzzTest
  void tarArchivesAreListedOrRefusedInOneLine(byte[] input) {
    CleanRead.check(() -> {
      long[] total = new long[1];
      try {
        TarEntries.forEachFile(new ByteArrayInputStream(input), Path.of("fuzz.tar"), (name, content) -> {
          total[0] += content.readAllBytes().length;
        });
      } catch (IOException e) {
        throw new AssertionError("a byte array cannot fail to read", e);
      }
      assertThat(total[0]).isLessThanOrEqualTo(input.length);
      return null;
    });
  }
}
