package io.penultimate.stream;

import io.penultimate.stream.InvalidEventException.Cause;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * The compact binary form of an input event, about 3.2 KB for 784 pixels against 8 KB or more of JSON:
 *
 * <pre>
 *   magic "PU" (2 bytes), version 1 (1 byte), timestamp (int64 epoch ms, negative when absent:
 *   the record's timestamp is used), label (int32, -1 when absent),
 *   id length (uint16) and id (UTF-8), n (int32), n features (float32); all big-endian
 * </pre>
 *
 * Used for the batch buffer store and, with {@code --input-format binary}, on the input topic.
 * Decoding checks the structure only; {@link EventParser} checks the values.
 */
public final class BinaryEvent {
  private static final byte[] MAGIC = {'P', 'U'};
  private static final byte VERSION = 1;
  private static final int NO_LABEL = -1;

  private BinaryEvent() {}

  public static byte[] encode(InputEvent event) {
    byte[] id = event.id().getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xFFFF) {
      throw new IllegalArgumentException("event id longer than 65535 bytes");
    }
    float[] features = event.features();
    ByteBuffer out = ByteBuffer.allocate(3 + 8 + 4 + 2 + id.length + 4 + 4 * features.length);
    out.put(MAGIC).put(VERSION).putLong(event.timestamp()).putInt(event.label().orElse(NO_LABEL));
    out.putShort((short) id.length).put(id).putInt(features.length);
    out.asFloatBuffer().put(features);
    return out.array();
  }

  /** Reads the structure; the label may still be out of range and the features non-finite. */
  public static InputEvent decode(byte[] bytes) throws InvalidEventException {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      if (in.get() != MAGIC[0] || in.get() != MAGIC[1]) {
        throw new InvalidEventException(Cause.MALFORMED, "not a binary event: expected the magic bytes 'PU'");
      }
      byte version = in.get();
      if (version != VERSION) {
        throw new InvalidEventException(Cause.MALFORMED, "binary event version " + version + ", this build reads " + VERSION);
      }
      long timestamp = in.getLong();
      int label = in.getInt();
      byte[] id = new byte[Short.toUnsignedInt(in.getShort())];
      in.get(id);
      int n = in.getInt();
      if (n < 0 || n != in.remaining() / 4 || in.remaining() % 4 != 0) {
        throw new InvalidEventException(Cause.MALFORMED, "binary event declares " + n + " features but carries " + in.remaining() + " bytes");
      }
      float[] features = new float[n];
      in.asFloatBuffer().get(features);
      return new InputEvent(
          new String(id, StandardCharsets.UTF_8), features, label == NO_LABEL ? OptionalInt.empty() : OptionalInt.of(label), timestamp);
    } catch (BufferUnderflowException e) {
      throw new InvalidEventException(Cause.MALFORMED, "truncated binary event of " + bytes.length + " bytes");
    }
  }
}
