package io.penultimate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The Kafka Streams state directory of one {@code demo} or {@code bench stream} run: {@code
 * <work-dir>/state/<run>}, not under {@code java.io.tmpdir} (Streams warns the OS may clear it),
 * deleted with everything in it when the run is over.
 */
record RunStateDir(Path path) implements AutoCloseable {
  static RunStateDir create(Path workDir, String run) throws IOException {
    return new RunStateDir(Files.createDirectories(workDir.resolve("state").resolve(run)));
  }

  @Override
  public void close() {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the state directory " + path, e);
    }
  }
}
