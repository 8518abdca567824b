package io.penultimate.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * The frame of the compact entries the monitor keeps in its label and quality stores ({@link
 * PendingEvent}, {@link HeldLabel}, {@link OutcomeBlock}): a version byte, then the body in {@link
 * DataOutputStream}'s forms. Earlier versions stored the same records as JSON, whose first byte is
 * '{', never a version; such an entry is still read, so an upgrade keeps every waiting event and
 * label, and the rolling windows.
 */
final class StoredEntry {
  /** Writes an entry's body after its version byte. */
  interface Body {
    void writeTo(DataOutputStream out) throws IOException;
  }

  /** Reads an entry's body, after its version byte. */
  interface Reader<T> {
    T readFrom(DataInputStream in) throws IOException;
  }

  private StoredEntry() {}

  static byte[] encode(byte version, int capacity, Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(capacity);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(version);
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  /**
   * The entry of {@code store} that {@link #encode} wrote with {@code version}, or the JSON of an
   * earlier version as {@code earlier} reads it. An entry of another version, or a truncated one, stops with
   * a message naming the store and what to do.
   */
  static <T> T decode(byte[] stored, String store, byte version, Function<byte[], T> earlier, Reader<T> body) {
    if (stored.length > 0 && stored[0] == '{') {
      return earlier.apply(stored);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      byte found = in.readByte();
      if (found != version) {
        throw new IllegalStateException("the " + store + " store holds an entry of version " + found + "; this build reads " + version
            + ": a newer version wrote it, so run that one, or reset the application (kafka-streams-application-reset)");
      }
      return body.readFrom(in);
    } catch (IOException e) {
      throw new IllegalStateException("the " + store + " store holds a corrupt entry of " + stored.length + " bytes", e);
    }
  }
}
