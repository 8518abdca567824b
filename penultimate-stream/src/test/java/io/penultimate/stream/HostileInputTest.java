package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.ScoreName;
import io.penultimate.model.Inference;
import io.penultimate.stream.InvalidEventException.Cause;
import io.penultimate.stream.MonitorObserver.LabelOutcome;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input, by hand, through the production topology: each bad record goes to the dead
 * letters with its reason and cause, and the good events around it are still scored. The fuzz
 * tests ({@code *FuzzTest}) search for what these cases do not name.
 */
class HostileInputTest {
  private static final int INPUT = StreamFixtures.INPUT;
  private static final int CLASSES = StreamFixtures.CLASSES;
  private static final Duration LABEL_GRACE = Duration.ofSeconds(10);
  private static Inference network;
  private static EncoderBundle bundle;
  private static float[][] probes;

  @TempDir Path stateDir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestInputTopic<String, byte[]> labels;
  private TestOutputTopic<String, byte[]> scores;
  private TestOutputTopic<String, byte[]> deadLetters;
  private TestOutputTopic<String, byte[]> outcomes;
  private final Counts counts = new Counts();

  /** What the topology reported to its observer, the source of the dead-letter and label metrics. */
  private static final class Counts implements MonitorObserver {
    final List<Cause> rejected = new ArrayList<>();
    final Map<LabelOutcome, Integer> labels = new EnumMap<>(LabelOutcome.class);

    @Override
    public void eventRejected(Cause cause) {
      rejected.add(cause);
    }

    @Override
    public void label(LabelOutcome outcome) {
      labels.merge(outcome, 1, Integer::sum);
    }
  }

  @BeforeAll
  static void fitBundle() {
    StreamFixtures fixtures = StreamFixtures.fit();
    network = fixtures.network;
    bundle = fixtures.bundle;
    probes = StreamFixtures.inputs(10, 3);
  }

  private void start(int maxEventBytes, int maxHeldLabels) {
    Topics topics = MonitorConfig.DEFAULT.topics();
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    ScoringSettings settings = new ScoringSettings(ScoreName.TRINOMIAL, 3, "model-1", "bundle-1");
    var topology = MonitorTopology.build(
        topics,
        new EventParser(INPUT, CLASSES, maxEventBytes),
        scorer,
        () -> new EventScorer(network, scorer, settings),
        new BatchSettings(1, Duration.ofMillis(50)),
        new LabelTiming(Duration.ofHours(1), LABEL_GRACE, maxHeldLabels),
        new QualityWindows(25, Duration.ofHours(1), 1000, Duration.ofSeconds(1)),
        counts);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "penultimate-hostile");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(topology, props);
    events = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
    labels = driver.createInputTopic(topics.labels(), new StringSerializer(), new ByteArraySerializer());
    scores = driver.createOutputTopic(topics.scores(), new StringDeserializer(), new ByteArrayDeserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
    outcomes = driver.createOutputTopic(topics.outcomes(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  private void start() {
    start(Integer.parseInt(MonitorConfig.defaultValue("max-event-bytes")), LabelTiming.DEFAULT_MAX_HELD);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private static String json(String id, float[] features, String extra) {
    return StreamFixtures.eventJson(id, features, extra);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String reason(TestRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(DeadLetterHeaders.REASON);
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Pipes a good event, the hostile record, and another good event; returns the one dead letter. */
  private TestRecord<String, byte[]> betweenGoodEvents(String key, byte[] hostile) {
    events.pipeInput("before", utf8(json("before", probes[0], "")));
    events.pipeInput(key, hostile);
    events.pipeInput("after", utf8(json("after", probes[1], "")));
    assertThat(scores.readKeyValuesToList()).extracting(kv -> kv.key).as("nothing else lost").containsExactly("before", "after");
    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).key()).isEqualTo(key);
    assertThat(dead.get(0).value()).as("the record unchanged").isEqualTo(hostile);
    assertThat(reason(dead.get(0)).length()).isLessThanOrEqualTo(Reasons.MAX_LENGTH);
    return dead.get(0);
  }

  @Test
  void deadLettersAHundredMegabyteStringAsOversizedBeforeParsingIt() {
    start();
    String prefix = "{\"id\":\"big\",\"note\":\"";
    String suffix = "\"," + json("big", probes[2], "").substring(12);
    byte[] big = new byte[100 * 1024 * 1024];
    Arrays.fill(big, (byte) 'x');
    System.arraycopy(utf8(prefix), 0, big, 0, prefix.length());
    System.arraycopy(utf8(suffix), 0, big, big.length - suffix.length(), suffix.length());
    TestRecord<String, byte[]> dead = betweenGoodEvents("big", big);
    assertThat(reason(dead)).isEqualTo("payload of " + big.length + " bytes exceeds the limit of 1048576");
    assertThat(counts.rejected).containsExactly(Cause.OVERSIZED);
  }

  @Test
  void deadLettersNestingTenThousandDeepAsMalformed() {
    start();
    String deep = json("deep", probes[2], ",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000));
    assertThat(reason(betweenGoodEvents("deep", utf8(deep)))).startsWith("malformed JSON").contains("nesting depth");
    assertThat(counts.rejected).containsExactly(Cause.MALFORMED);
  }

  @Test
  void deadLettersAFeatureBeyondTheDoubleRangeAsNonFinite() {
    start();
    String huge = json("huge", probes[2], "").replaceFirst("\\[[^,]*,", "[1e400,");
    assertThat(reason(betweenGoodEvents("huge", utf8(huge)))).isEqualTo("'features[0]' is not finite: 1e400");
    assertThat(counts.rejected).containsExactly(Cause.NON_FINITE);
  }

  @Test
  void deadLettersAnEventWithADuplicateKeyAsMalformed() {
    start();
    String twice = json("twice", probes[2], ",\"id\":\"other\"");
    assertThat(reason(betweenGoodEvents("twice", utf8(twice)))).startsWith("malformed JSON").contains("Duplicate field 'id'");
    assertThat(counts.rejected).containsExactly(Cause.MALFORMED);
  }

  @Test
  void deadLettersANegativeTimestampThatKafkaCouldNotWrite() {
    start();
    String before1970 = json("old", probes[2], ",\"timestamp\":-5");
    assertThat(reason(betweenGoodEvents("old", utf8(before1970)))).isEqualTo("'timestamp' must be epoch milliseconds, found -5");
    assertThat(counts.rejected).containsExactly(Cause.MALFORMED);
  }

  @Test
  void deadLettersAnEventWhoseKeyIsNotItsIdAsKeyMismatch() {
    start();
    TestRecord<String, byte[]> dead = betweenGoodEvents("someone-else", utf8(json("e1", probes[2], "")));
    assertThat(reason(dead)).startsWith("the record key 'someone-else' is not the id 'e1'");
    assertThat(counts.rejected).containsExactly(Cause.KEY_MISMATCH);
  }

  @Test
  void deadLettersALabelWhoseKeyIsNotItsIdAndJoinsTheNext() {
    start();
    events.pipeInput("e1", utf8(json("e1", probes[2], "")));
    labels.pipeInput("e2", utf8("{\"id\":\"e1\",\"label\":1}"));
    labels.pipeInput("e1", utf8("{\"id\":\"e1\",\"label\":1}"));
    assertThat(reason(deadLetters.readRecord())).startsWith("the record key 'e2' is not the id 'e1'");
    assertThat(outcomes.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("e1");
    assertThat(counts.labels).containsEntry(LabelOutcome.INVALID, 1).containsEntry(LabelOutcome.JOINED, 1);
  }

  @Test
  void deadLettersAnIdLongerThanTheLimitWithAShortReason() {
    start();
    String id = "i".repeat(EventParser.MAX_ID_LENGTH + 1);
    String reason = reason(betweenGoodEvents(id, utf8(json(id, probes[2], ""))));
    assertThat(reason).startsWith("'id' has 1025 characters, at most 1024 are accepted: iiii").endsWith("… (1025 characters)");
    assertThat(counts.rejected).containsExactly(Cause.MALFORMED);
  }

  @Test
  void scoresEventsWithAByteOrderMarkOrInUtf16OrUtf32AsJacksonDetectsTheEncoding() {
    start();
    Map<String, byte[]> encoded = Map.of(
        "bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(json("bom", probes[0], ""))),
        "utf16le", json("utf16le", probes[1], "").getBytes(StandardCharsets.UTF_16LE),
        "utf16be", json("utf16be", probes[2], "").getBytes(StandardCharsets.UTF_16BE),
        "utf16bom", json("utf16bom", probes[3], "").getBytes(StandardCharsets.UTF_16),
        "utf32", json("utf32", probes[4], "").getBytes(Charset.forName("UTF-32BE")));
    encoded.forEach(events::pipeInput);
    assertThat(deadLetters.readRecordsToList()).isEmpty();
    assertThat(scores.readKeyValuesToList()).extracting(kv -> kv.key).containsExactlyInAnyOrderElementsOf(encoded.keySet());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void aLabelStormForUnknownIdsHoldsAtMostTheBoundAndDropsTheOldestCountingEach() {
    int bound = 50;
    start(1 << 20, bound);
    events.pipeInput("real", utf8(json("real", probes[0], "")));
    int storm = 5 * bound;
    int largest = 0;
    for (int i = 0; i < storm; i++) {
      labels.pipeInput("unknown-" + i, utf8("{\"id\":\"unknown-" + i + "\",\"label\":1}"));
      largest = Math.max(largest, heldLabels().size());
    }
    assertThat(largest).isEqualTo(bound);
    assertThat(heldLabels()).as("the newest are held").containsExactlyInAnyOrderElementsOf(
        java.util.stream.IntStream.range(storm - bound, storm).mapToObj(i -> "unknown-" + i).toList());
    List<TestRecord<String, byte[]>> dropped = deadLetters.readRecordsToList();
    assertThat(dropped).hasSize(storm - bound);
    assertThat(dropped.get(0).key()).as("the oldest first").isEqualTo("unknown-0");
    assertThat(reason(dropped.get(0))).isEqualTo(
        "the held-label store is full (--max-held-labels 50): the oldest held label, for id 'unknown-0', was dropped to make room");
    assertThat(counts.labels).containsEntry(LabelOutcome.DROPPED, storm - bound);

    labels.pipeInput("real", utf8("{\"id\":\"real\",\"label\":2}"));
    assertThat(outcomes.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("real");
    assertThat(counts.labels).containsEntry(LabelOutcome.JOINED, 1);
    events.pipeInput("later", utf8(json("later", probes[1], "")), Instant.now().plus(LABEL_GRACE).plusSeconds(1));
    driver.advanceWallClockTime(LABEL_GRACE.plusSeconds(1));
    assertThat(deadLetters.readRecordsToList()).as("the held ones expire as before").hasSize(bound);
    assertThat(heldLabels()).isEmpty();
  }

  @Test
  void aLabelHeldBeforeItsEventStillJoinsWhenTheStoreIsFull() {
    int bound = 3;
    start(1 << 20, bound);
    labels.pipeInput("early", utf8("{\"id\":\"early\",\"label\":1}"));
    labels.pipeInput("u1", utf8("{\"id\":\"u1\",\"label\":1}"));
    labels.pipeInput("u2", utf8("{\"id\":\"u2\",\"label\":1}"));
    events.pipeInput("early", utf8(json("early", probes[0], "")));
    labels.pipeInput("u3", utf8("{\"id\":\"u3\",\"label\":1}"));
    labels.pipeInput("u4", utf8("{\"id\":\"u4\",\"label\":1}"));
    assertThat(outcomes.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("early");
    assertThat(deadLetters.readRecordsToList()).extracting(TestRecord::key).as("joined labels leave room").containsExactly("u1");
    assertThat(heldLabels()).containsExactlyInAnyOrder("u2", "u3", "u4");
  }

  private List<String> heldLabels() {
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(MonitorTopology.HELD_LABELS_STORE);
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      all.forEachRemaining((KeyValue<String, byte[]> entry) -> ids.add(entry.key));
    }
    return ids;
  }
}
