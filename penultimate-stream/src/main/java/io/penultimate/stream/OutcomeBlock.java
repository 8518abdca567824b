package io.penultimate.stream;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive completed outcomes of one quality task, stored under one key of its quality store
 * ({@link StoredOutcomes}), in a compact binary form: the same outcome as JSON took 709 bytes of
 * the changelog (bench stream's writes by topic), and its score keys were repeated in every one.
 * The block is filled in place; {@link #encoded} is what the store holds after each outcome.
 *
 * <pre>
 *   version 1 (1 byte; JSON starts with '{'), score count (int32) and keys (modified UTF-8), then per outcome:
 *   id present (1 byte) [id (modified UTF-8)], predicted, label (int32), timestamp (int64),
 *   confidence, oodPValue (float64), ood (1 byte), trust (float64), then its scores in the keys' order (float64)
 * </pre>
 */
final class OutcomeBlock {
  private static final byte VERSION = 1;

  private final List<String> keys;
  private final ByteArrayOutputStream bytes;
  private final DataOutputStream out;
  private int size;

  /** An empty block for outcomes with these score keys. */
  OutcomeBlock(List<String> keys) {
    this.keys = List.copyOf(keys);
    this.bytes = new ByteArrayOutputStream(64 + 16 * keys.size());
    this.out = new DataOutputStream(bytes);
    write(out -> {
      out.writeByte(VERSION);
      out.writeInt(keys.size());
      for (String key : keys) {
        out.writeUTF(key);
      }
    });
  }

  /** Whether the outcome has exactly this block's score keys. */
  boolean fits(Outcome outcome) {
    return outcome.scores().size() == keys.size() && outcome.scores().keySet().containsAll(keys);
  }

  /** Appends an outcome that {@link #fits} and has its answers. */
  void add(Outcome outcome) {
    EventAnswers answers = outcome.answers().orElseThrow(() -> new IllegalArgumentException("outcome " + outcome.id() + " has no answers"));
    if (!fits(outcome)) {
      throw new IllegalArgumentException("outcome " + outcome.id() + " has scores " + outcome.scores().keySet() + ", this block " + keys);
    }
    write(out -> {
      out.writeBoolean(outcome.id() != null);
      if (outcome.id() != null) {
        out.writeUTF(outcome.id());
      }
      out.writeInt(outcome.predicted());
      out.writeInt(outcome.label());
      out.writeLong(outcome.timestamp());
      out.writeDouble(answers.confidence());
      out.writeDouble(answers.oodPValue());
      out.writeBoolean(answers.ood());
      out.writeDouble(answers.trust());
      for (String key : keys) {
        out.writeDouble(outcome.scores().get(key));
      }
    });
    size++;
  }

  int size() {
    return size;
  }

  /** The block as stored: a new array, which the store's cache may keep. */
  byte[] encoded() {
    return bytes.toByteArray();
  }

  /**
   * The outcomes of a stored block, oldest first; an entry an earlier version wrote (one outcome's
   * JSON, keyed by its sequence number) is a block of one.
   */
  static List<Outcome> decode(byte[] stored) {
    return StoredEntry.decode(stored, MonitorTopology.QUALITY_STORE, VERSION, json -> List.of(HotJson.readOutcome(json)), in -> {
      int count = in.readInt();
      List<String> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        keys.add(in.readUTF());
      }
      List<Outcome> outcomes = new ArrayList<>();
      while (in.available() > 0) {
        outcomes.add(readOutcome(in, keys));
      }
      return outcomes;
    });
  }

  private static Outcome readOutcome(DataInputStream in, List<String> keys) throws IOException {
    String id = in.readBoolean() ? in.readUTF() : null;
    int predicted = in.readInt();
    int label = in.readInt();
    long timestamp = in.readLong();
    EventAnswers answers = new EventAnswers(in.readDouble(), in.readDouble(), in.readBoolean(), in.readDouble());
    Map<String, Double> scores = new LinkedHashMap<>(2 * keys.size());
    for (String key : keys) {
      scores.put(key, in.readDouble());
    }
    return Outcome.of(id, predicted, label, scores, answers, timestamp);
  }

  private void write(StoredEntry.Body body) {
    try {
      body.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
  }
}
