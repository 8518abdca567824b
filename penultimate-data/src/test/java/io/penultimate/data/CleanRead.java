package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The property every fuzz target of a data reader checks: a read ends either in samples (which
 * {@link LabeledSamples} has checked: finite values, labels in range, rows of the input shape) or
 * in an {@link InvalidDataException} whose message is one line naming the file, as the CLI prints
 * it. Anything else (an index out of bounds, a negative array size, an out-of-memory error, an
 * {@link IllegalArgumentException} from LabeledSamples: a reader that let a bad value through)
 * escapes the target and is Jazzer's finding.
 */
final class CleanRead {
  private CleanRead() {}

  /** One read of the file under test. */
  interface Read {
    Object run();
  }

  static void check(Read read) {
    try {
      read.run();
    } catch (InvalidDataException e) {
      assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("\r");
    }
  }

  /** {@code content} as the file {@code file}, replacing the previous input's. */
  static Path write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
