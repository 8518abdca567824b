package io.penultimate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.stream.DeadLetterHeaders;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the monitors committed, read back as any client would (read_committed, from the start, in
 * a group of its own), on a thread of its own while the run goes on: every score and outcome
 * counted by event id, when each event's first score arrived, the merged quality snapshots, and
 * the dead letters. Event ids are {@code prefix + index}, index below the run's event count. It
 * reads the input events too, so that a score written twice can be told apart from an event sent
 * twice.
 */
final class OutputTally implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SHOWN_REPEATS = 20;

  private final String servers;
  private final Topics topics;
  private final String idPrefix;
  private final long startNanos;
  private final long[] firstScoreMs;
  private final int[] scores;
  private final int[] outcomes;
  private final int[] inputs;
  /** Where each event's first score lay, and the first repeats as they came: for {@link #duplicates}. */
  private final int[] firstScorePartition;
  private final long[] firstScoreOffset;
  private final List<Repeat> repeats = new ArrayList<>();
  private final Map<String, Integer> deadLetterReasons = new TreeMap<>();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile int distinctScored;
  private volatile int distinctOutcomes;
  private volatile int quality;
  private volatile int qualityTime;
  private volatile int qualityMax;
  private volatile int deadLetters;
  private volatile int strangeIds;

  /** A score of an event already scored: where it lay, and when it came (ms from the run's start). */
  private record Repeat(int index, int partition, long offset, long ms) {}

  /** @param startNanos the run's time origin ({@link System#nanoTime()}), for the arrival times */
  OutputTally(String servers, Topics topics, int events, String idPrefix, long startNanos) {
    this.servers = servers;
    this.topics = topics;
    this.idPrefix = idPrefix;
    this.startNanos = startNanos;
    this.firstScoreMs = new long[events];
    this.scores = new int[events];
    this.outcomes = new int[events];
    this.inputs = new int[events];
    this.firstScorePartition = new int[events];
    this.firstScoreOffset = new long[events];
  }

  @Override
  public void run() {
    try (KafkaConsumer<String, byte[]> consumer = StreamClients.readCommitted(servers, new ByteArrayDeserializer(), topics.scores(),
        topics.outcomes(), topics.quality(), topics.deadLetters(), topics.events())) {
      StreamClients.awaitAssignment(consumer);
      assigned.countDown();
      while (!stopping) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          count(record);
        }
      }
    }
  }

  private void count(ConsumerRecord<String, byte[]> record) {
    String topic = record.topic();
    if (topic.equals(topics.quality())) {
      JsonNode snapshot = parse(record.value());
      quality = snapshot.get("labelled").asInt();
      qualityTime = snapshot.get("time").get("labelled").asInt();
      qualityMax = Math.max(qualityMax, quality);
      return;
    }
    if (topic.equals(topics.deadLetters())) {
      deadLetters++;
      Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
      // the id out of the reason, so that the reasons can be counted
      String text = reason == null ? "(no reason)" : new String(reason.value(), StandardCharsets.UTF_8).replaceAll("'[^']*'", "'…'");
      deadLetterReasons.merge(text, 1, Integer::sum);
      return;
    }
    int index = index(record.key());
    if (topic.equals(topics.events())) {
      if (index >= 0) {
        inputs[index]++;
      }
    } else if (index < 0) {
      strangeIds++;
    } else if (topic.equals(topics.scores())) {
      long ms = (System.nanoTime() - startNanos) / 1_000_000;
      if (scores[index]++ == 0) {
        firstScoreMs[index] = ms;
        firstScorePartition[index] = record.partition();
        firstScoreOffset[index] = record.offset();
        distinctScored++;
      } else if (repeats.size() < SHOWN_REPEATS) {
        repeats.add(new Repeat(index, record.partition(), record.offset(), ms));
      }
    } else if (outcomes[index]++ == 0) {
      distinctOutcomes++;
    }
  }

  /** The event's index, or -1 for a key that is no id of this run. */
  private int index(String key) {
    if (key == null || !key.startsWith(idPrefix)) {
      return -1;
    }
    try {
      int index = Integer.parseInt(key.substring(idPrefix.length()));
      return index >= 0 && index < scores.length ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static JsonNode parse(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("a quality record is not JSON", e);
    }
  }

  void awaitAssignment() throws InterruptedException {
    assigned.await();
  }

  /** Every event scored and joined, and the last snapshot's windows holding them all: nothing more is due. */
  boolean complete() {
    int events = scores.length;
    return distinctScored == events && distinctOutcomes == events && quality == events && qualityTime == events;
  }

  /** Distinct events scored so far. */
  int scored() {
    return distinctScored;
  }

  String progress() {
    return distinctScored + " scored, " + distinctOutcomes + " outcomes, quality windows " + quality + " / " + qualityTime + " of "
        + scores.length;
  }

  void stop() {
    stopping = true;
  }

  /** The counts; only once this tally's thread has ended. */
  ChaosCounts counts() {
    return new ChaosCounts(scores.length, distinctScored, Arrays.stream(scores).map(n -> Math.max(0, n - 1)).sum(), distinctOutcomes,
        Arrays.stream(outcomes).map(n -> Math.max(0, n - 1)).sum(), quality, qualityTime, qualityMax, deadLetters, strangeIds);
  }

  /** When each scored event's first score arrived, in milliseconds from the run's start; only once this tally's thread has ended. */
  long[] firstScoreMillis() {
    long[] times = new long[distinctScored];
    int next = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] > 0) {
        times[next++] = firstScoreMs[i];
      }
    }
    return times;
  }

  /**
   * The first repeated scores: the event, where the repeat and the first score lay (partition,
   * offset, arrival in seconds from {@code originMs} of the run) and how many copies of the event
   * the input topic holds; only once this tally's thread has ended.
   */
  List<String> duplicates(long originMs) {
    return repeats.stream().map(r -> String.format("%s%d: p%d@%d at %.1f s, first p%d@%d at %.1f s; %d input cop%s", idPrefix, r.index(),
        r.partition(), r.offset(), (r.ms() - originMs) / 1e3, firstScorePartition[r.index()], firstScoreOffset[r.index()],
        (firstScoreMs[r.index()] - originMs) / 1e3, inputs[r.index()], inputs[r.index()] == 1 ? "y" : "ies")).toList();
  }

  /** How many dead letters gave each reason (ids left out); only once this tally's thread has ended. */
  Map<String, Integer> deadLetterReasons() {
    return Map.copyOf(deadLetterReasons);
  }

  /** The events without a score or without an outcome, as ranges of ids; only once this tally's thread has ended. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    missing.addAll(ranges(scores, "score"));
    missing.addAll(ranges(outcomes, "outcome"));
    return missing;
  }

  private List<String> ranges(int[] copies, String what) {
    List<String> ranges = new ArrayList<>();
    for (int i = 0; i < copies.length; i++) {
      if (copies[i] == 0) {
        int from = i;
        while (i + 1 < copies.length && copies[i + 1] == 0) {
          i++;
        }
        ranges.add("no " + what + ": " + idPrefix + from + (i > from ? "-" + idPrefix + i : ""));
      }
    }
    return ranges;
  }
}
