package io.penultimate.stream;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the monitor keeps of a scored event until its label arrives (or retention ends).
 * {@code answers} is null in entries written before events carried their answers.
 *
 * <p>Stored in a compact binary form ({@link #encode}): every event waiting for its label is
 * written once and read once, and formatting and parsing its twenty-odd doubles as JSON cost more
 * than the rest of the join (a JFR profile of {@code bench stream}'s labelled phase). Entries that
 * an earlier version wrote as JSON are still read ({@link #decode}), so a monitor upgraded on a
 * pending store keeps every waiting event.
 *
 * <pre>
 *   version 1 (1 byte; JSON starts with '{'), predicted (int32), scoredAtMs (int64),
 *   answers present (1 byte) [confidence, oodPValue (float64), ood (1 byte), trust (float64)],
 *   score count (int32), then per score its key (modified UTF-8, as DataOutput writes it) and value (float64)
 * </pre>
 */
record PendingEvent(int predicted, Map<String, Double> scores, EventAnswers answers, long scoredAtMs) {
  private static final byte VERSION = 1;

  byte[] encode() {
    return StoredEntry.encode(VERSION, 32 + 24 * scores.size(), out -> {
      out.writeInt(predicted);
      out.writeLong(scoredAtMs);
      out.writeBoolean(answers != null);
      if (answers != null) {
        out.writeDouble(answers.confidence());
        out.writeDouble(answers.oodPValue());
        out.writeBoolean(answers.ood());
        out.writeDouble(answers.trust());
      }
      out.writeInt(scores.size());
      for (Map.Entry<String, Double> score : scores.entrySet()) {
        out.writeUTF(score.getKey());
        out.writeDouble(score.getValue());
      }
    });
  }

  /** When the entry's event was scored, read without decoding the rest: the eviction scan reads every entry. */
  static long scoredAtMs(byte[] stored) {
    return stored.length > 0 && stored[0] == VERSION ? ByteBuffer.wrap(stored, 5, 8).getLong() : decode(stored).scoredAtMs();
  }

  /** Reads what {@link #encode} wrote, or the JSON of earlier versions. */
  static PendingEvent decode(byte[] stored) {
    return StoredEntry.decode(stored, "pending-labels", VERSION, json -> Json.read(json, PendingEvent.class), in -> {
      int predicted = in.readInt();
      long scoredAtMs = in.readLong();
      EventAnswers answers = in.readBoolean() ? new EventAnswers(in.readDouble(), in.readDouble(), in.readBoolean(), in.readDouble()) : null;
      int count = in.readInt();
      Map<String, Double> scores = new LinkedHashMap<>(2 * count);
      for (int i = 0; i < count; i++) {
        scores.put(in.readUTF(), in.readDouble());
      }
      return new PendingEvent(predicted, scores, answers, scoredAtMs);
    });
  }
}
