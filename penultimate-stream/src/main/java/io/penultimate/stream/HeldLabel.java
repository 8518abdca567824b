package io.penultimate.stream;

/**
 * A label waiting for its event ({@link LabelJoin}), with what dead-lettering it would need: the
 * label record's value as it came and where it came from.
 *
 * <p>Stored in a compact binary form ({@link #encode}), as {@link PendingEvent} is: every label
 * whose event is still in the batch buffer is written once and read once, and Jackson's data
 * binding of this record (its value as base64, its origin as a nested object) was a third of the
 * label join in a JFR profile of {@code bench stream}'s labelled phase. Entries that an earlier
 * version wrote as JSON are still read ({@link StoredEntry}), so an upgrade keeps every held label.
 *
 * <pre>
 *   version 1 (1 byte; JSON starts with '{'), label (int32), timestamp, heldAtMs (int64),
 *   origin present (1 byte) [topic (modified UTF-8), partition (int32), offset (int64)],
 *   value length (int32), value
 * </pre>
 */
record HeldLabel(int label, long timestamp, long heldAtMs, byte[] value, DeadLetters.Origin origin) {
  private static final byte VERSION = 1;

  byte[] encode() {
    return StoredEntry.encode(VERSION, 64 + value.length, out -> {
      out.writeInt(label);
      out.writeLong(timestamp);
      out.writeLong(heldAtMs);
      out.writeBoolean(origin != null);
      if (origin != null) {
        out.writeUTF(origin.topic());
        out.writeInt(origin.partition());
        out.writeLong(origin.offset());
      }
      out.writeInt(value.length);
      out.write(value);
    });
  }

  /** Reads what {@link #encode} wrote, or the JSON of earlier versions. */
  static HeldLabel decode(byte[] stored) {
    return StoredEntry.decode(stored, "held-labels", VERSION, json -> Json.read(json, HeldLabel.class), in -> {
      int label = in.readInt();
      long timestamp = in.readLong();
      long heldAtMs = in.readLong();
      DeadLetters.Origin origin = in.readBoolean() ? new DeadLetters.Origin(in.readUTF(), in.readInt(), in.readLong()) : null;
      byte[] value = new byte[in.readInt()];
      in.readFully(value);
      return new HeldLabel(label, timestamp, heldAtMs, value, origin);
    });
  }
}
