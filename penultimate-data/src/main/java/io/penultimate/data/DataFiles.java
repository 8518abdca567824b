package io.penultimate.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files, gunzipping them when they start with the gzip magic bytes 1f 8b. */
final class DataFiles {
  private static final int BUFFER = 1 << 16;

  private DataFiles() {}

  /** Reads a whole file's content with {@code body}. */
  interface Body<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * Runs {@code body} on the (decompressed) content of {@code file}. Gzip is detected from the
   * content, not the name, because users rename files. The stream fails with {@link ZipException}
   * or {@link EOFException} only inside the gzip layer (bodies use {@code readNBytes}, which
   * returns short counts at the end), so those become "corrupt gzip" messages.
   */
  static <T> T read(Path file, Body<T> body) {
    try (InputStream in = open(file)) {
      return body.read(in);
    } catch (ZipException | EOFException e) {
      throw new InvalidDataException(file + " is corrupt gzip data: " + e.getMessage(), e);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("missing file " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return gzip ? new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER) : raw;
  }
}
