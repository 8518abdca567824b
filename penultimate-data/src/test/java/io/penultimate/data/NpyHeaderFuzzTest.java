package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Tag;

/** Any bytes as the start of a .npy array: a header whose sizes can count bytes, or a one-line refusal. */
@Tag("fuzz")
class NpyHeaderFuzzTest {
  @FuzzTest
  void npyHeadersAreReadOrRefusedInOneLine(byte[] input) {
    CleanRead.check(() -> {
      NpyHeader header;
      try {
        header = NpyHeader.read(new ByteArrayInputStream(input), "x.npy");
      } catch (IOException e) {
        throw new AssertionError("a byte array cannot fail to read", e);
      }
      assertThat(header.descr()).isNotNull();
      for (long dimension : header.shape()) {
        assertThat(dimension).isNotNegative();
      }
      assertThat(header.items()).isBetween(0L, Long.MAX_VALUE / 8);
      assertThat(header.length()).isBetween(10L, (long) input.length);
      return null;
    });
  }
}
