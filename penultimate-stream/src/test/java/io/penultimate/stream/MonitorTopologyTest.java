package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreSelection;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Answers;
import io.penultimate.bundle.ScoreName;
import io.penultimate.model.Inference;
import io.penultimate.model.ModelOutputs;
import io.penultimate.evaluation.Auroc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production topology, driven by TopologyTestDriver, scoring with a small plain-Java network and its bundle. */
class MonitorTopologyTest {
  private static final int INPUT = StreamFixtures.INPUT;
  private static final int CLASSES = StreamFixtures.CLASSES;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LABEL_GRACE = Duration.ofSeconds(10);
  private static final Duration LABEL_RETENTION = Duration.ofHours(1);
  private static Inference network;
  private static EncoderBundle bundle;
  private static float[][] probes;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestOutputTopic<String, byte[]> scores;
  private TestOutputTopic<String, byte[]> deadLetters;
  private TestInputTopic<String, byte[]> labels;
  private TestOutputTopic<String, byte[]> outcomes;
  private TestOutputTopic<String, byte[]> quality;
  private static final int WINDOW = 25;
  private static final Duration QUALITY_INTERVAL = Duration.ofSeconds(1);
  @TempDir Path stateDir;

  @BeforeAll
  static void fitBundle() {
    StreamFixtures fixtures = StreamFixtures.fit();
    network = fixtures.network;
    bundle = fixtures.bundle;
    probes = StreamFixtures.inputs(30, 3);
  }

  @BeforeEach
  void startDriver() {
    startDriver(new BatchSettings(1, Duration.ofMillis(50)));
  }

  private void startDriver(BatchSettings batch) {
    startDriver(batch, MonitorObserver.NONE);
  }

  private void startDriver(BatchSettings batch, MonitorObserver observer) {
    startDriver(batch, observer, new EventParser(INPUT, CLASSES, 64 * 1024));
  }

  private void startDriver(BatchSettings batch, MonitorObserver observer, EventParser parser) {
    startDriver(batch, observer, parser, ScoreSelection.ALL);
  }

  private void startDriver(BatchSettings batch, MonitorObserver observer, EventParser parser, ScoreSelection selection) {
    Topics topics = MonitorConfig.DEFAULT.topics();
    ScoringSettings settings = new ScoringSettings(ScoreName.TRINOMIAL, 3, "model-1", "bundle-1");
    ConfidenceScorer scorer = new ConfidenceScorer(bundle, selection);
    var topology =
        MonitorTopology.build(
            topics,
            parser,
            scorer,
            () -> new EventScorer(network, scorer, settings),
            batch,
            new LabelTiming(LABEL_RETENTION, LABEL_GRACE),
            new QualityWindows(WINDOW, Duration.ofHours(1), 1000, QUALITY_INTERVAL),
            observer);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "penultimate-test");
    // its own state directory: under Kafka's default, two builds running at once share RocksDB files
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver = new TopologyTestDriver(topology, props);
    events = driver.createInputTopic(topics.events(), new StringSerializer(), new ByteArraySerializer());
    scores = driver.createOutputTopic(topics.scores(), new StringDeserializer(), new ByteArrayDeserializer());
    deadLetters = driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
    labels = driver.createInputTopic(topics.labels(), new StringSerializer(), new ByteArraySerializer());
    outcomes = driver.createOutputTopic(topics.outcomes(), new StringDeserializer(), new ByteArrayDeserializer());
    quality = driver.createOutputTopic(topics.quality(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Lets the quality task publish its partition's summaries, and reads what the merge emitted. */
  private List<TestRecord<String, byte[]>> published() {
    driver.advanceWallClockTime(QUALITY_INTERVAL);
    return quality.readRecordsToList();
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  private static byte[] event(String id, float[] features, String extra) {
    return StreamFixtures.eventJson(id, features, extra).getBytes(StandardCharsets.UTF_8);
  }

  /** An Open Inference Protocol request of one event, shape [batch, INPUT], data nested per row. */
  private static String oipRequest(String id, float[][] rows, String extra) {
    StringBuilder data = new StringBuilder();
    for (float[] row : rows) {
      String features = StreamFixtures.eventJson(id, row, "");
      data.append(data.length() == 0 ? "" : ",").append(features, features.indexOf('['), features.lastIndexOf(']') + 1);
    }
    return "{\"id\":\"" + id + "\"" + extra + ",\"inputs\":[{\"name\":\"pixels\",\"shape\":[" + rows.length + "," + INPUT
        + "],\"datatype\":\"FP32\",\"data\":[" + data + "]}]}";
  }

  private static String reason(TestRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(DeadLetterHeaders.REASON);
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void everyRecordInAndOutConformsToTheJsonSchemasInDocs() throws Exception {
    DocSchemas schemas = new DocSchemas();
    for (int i = 0; i < probes.length; i++) {
      String extra = i % 3 == 0 ? ",\"label\":" + (i % CLASSES) : "";
      String json = EventJson.event("e" + i, probes[i], i % 3 == 0 ? i % CLASSES : null, 1_700_000_000_000L + i);
      schemas.assertValid("event", json);
      events.pipeInput("e" + i, event("e" + i, probes[i], extra));
    }
    for (int i = 1; i < probes.length; i += 3) {
      String label = "{\"id\":\"e" + i + "\",\"label\":" + (i % CLASSES) + "}";
      schemas.assertValid("label", label);
      labels.pipeInput("e" + i, label.getBytes(StandardCharsets.UTF_8));
    }
    List<TestRecord<String, byte[]>> scored = scores.readRecordsToList();
    List<TestRecord<String, byte[]>> joined = outcomes.readRecordsToList();
    List<TestRecord<String, byte[]>> snapshots = published();
    assertThat(scored).hasSize(probes.length);
    assertThat(joined).isNotEmpty();
    assertThat(snapshots).isNotEmpty();
    scored.forEach(r -> schemas.assertValid("scored-event", new String(r.value(), StandardCharsets.UTF_8)));
    joined.forEach(r -> schemas.assertValid("outcome", new String(r.value(), StandardCharsets.UTF_8)));
    snapshots.forEach(r -> schemas.assertValid("quality", new String(r.value(), StandardCharsets.UTF_8)));
    assertThat(schemas.errors("scored-event", "{\"id\":\"x\"}")).as("the schema does reject").isNotEmpty();
  }

  @Test
  void emitsTheSameScoresAsTheOfflineScorer() throws Exception {
    for (int i = 0; i < probes.length; i++) {
      events.pipeInput("e" + i, event("e" + i, probes[i], ""));
    }
    List<TestRecord<String, byte[]>> out = scores.readRecordsToList();
    assertThat(out).hasSize(probes.length);
        ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    for (int i = 0; i < probes.length; i++) {
      // one row at a time, as the stream does: BLAS rounds a batch of one and of many differently
      ModelOutputs offline = network.run(new float[][] {probes[i]});
      JsonNode json = JSON.readTree(out.get(i).value());
      assertThat(out.get(i).key()).isEqualTo("e" + i);
      assertThat(json.get("id").asText()).isEqualTo("e" + i);
      double[] expected = scorer.scores(offline.hidden()[0], offline.logits()[0]);
      for (ScoreName score : ScoreName.values()) {
        assertThat(json.get("scores").get(score.key()).asDouble())
            .as(score.key())
            .isCloseTo(expected[score.ordinal()], within(1e-9 * Math.max(1, Math.abs(expected[score.ordinal()]))));
      }
      assertThat(json.get("predicted").asInt()).isEqualTo(offline.predicted()[0]);
      assertThat(json.get("predictedClass").asText()).isEqualTo(List.of("a", "b", "c").get(offline.predicted()[0]));
      Answers.Answer answer = scorer.answer(offline.logits()[0], expected);
      assertThat(json.get("confidence").asDouble()).isEqualTo(answer.confidence());
      assertThat(json.get("oodPValue").asDouble()).isEqualTo(answer.oodPValue());
      assertThat(json.get("ood").asBoolean()).isEqualTo(answer.ood());
      assertThat(json.get("trust").asDouble()).isEqualTo(answer.trust());
      assertThat(json.get("lowestNodes")).hasSize(3);
      assertThat(json.get("modelVersion").asText()).isEqualTo("model-1");
      assertThat(json.get("encoderVersion").asText()).isEqualTo("bundle-1");
    }
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void listsTheLeastLikelyNodesLowestFirst() throws Exception {
    events.pipeInput("e", event("e", probes[0], ""));
    JsonNode nodes = JSON.readTree(scores.readValue()).get("lowestNodes");
    assertThat(nodes.get(0).get("logDensity").asDouble()).isLessThanOrEqualTo(nodes.get(1).get("logDensity").asDouble());
    assertThat(nodes.get(1).get("logDensity").asDouble()).isLessThanOrEqualTo(nodes.get(2).get("logDensity").asDouble());
  }

  @Test
  void echoesTheLabelWhenTheEventCarriesOne() throws Exception {
    events.pipeInput("e", event("e", probes[0], ",\"label\":2,\"timestamp\":1700000000000"));
    JsonNode json = JSON.readTree(scores.readValue());
    assertThat(json.get("label").asInt()).isEqualTo(2);
    assertThat(json.get("timestamp").asLong()).isEqualTo(1700000000000L);
  }

  @Test
  void routesMalformedJsonToTheDeadLetterTopicAndKeepGoing() {
    byte[] poison = "{\"id\": \"x\", \"features\": [1, 2".getBytes(StandardCharsets.UTF_8);
    events.pipeInput("x", poison);
    events.pipeInput("ok", event("ok", probes[1], ""));
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(dead.value()).isEqualTo(poison);
    assertThat(dead.key()).isEqualTo("x");
    assertThat(reason(dead)).startsWith("malformed JSON");
    assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), StandardCharsets.UTF_8))
        .isEqualTo("penultimate.events");
    assertThat(scores.readRecord().key()).isEqualTo("ok");
  }

  @Test
  void scoresAnOipRequestAndDeadLettersABatchWithInputFormatOip() throws Exception {
    driver.close();
    startDriver(new BatchSettings(1, Duration.ofMillis(50)), MonitorObserver.NONE,
        new EventParser(INPUT, CLASSES, 64 * 1024, EventParser.InputFormat.OIP, ""));
    String request = oipRequest("r1", new float[][] {probes[0]}, ",\"parameters\":{\"label\":2}");
    new DocSchemas().assertValid("oip-request", request);
    events.pipeInput("r1", request.getBytes(StandardCharsets.UTF_8));
    String batch = oipRequest("r2", new float[][] {probes[1], probes[2]}, "");
    events.pipeInput("r2", batch.getBytes(StandardCharsets.UTF_8));

    JsonNode json = JSON.readTree(scores.readValue());
    ModelOutputs offline = network.run(new float[][] {probes[0]});
    double[] expected = new ConfidenceScorer(bundle).scores(offline.hidden()[0], offline.logits()[0]);
    assertThat(json.get("id").asText()).isEqualTo("r1");
    assertThat(json.get("predicted").asInt()).isEqualTo(offline.predicted()[0]);
    assertThat(json.get("scores").get("primary").asDouble()).isCloseTo(expected[ScoreName.PRIMARY.ordinal()], within(1e-9));
    assertThat(json.get("label").asInt()).isEqualTo(2);
    assertThat(outcomes.readRecordsToList()).as("a labelled request is an outcome at once").hasSize(1);
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo("r2");
    assertThat(reason(dead)).isEqualTo("one event per request: 'inputs[0]' has shape [2, 20], a batch of 2");
    assertThat(scores.isEmpty()).isTrue();
  }

  @Test
  void routesAVectorOfTheWrongLengthToTheDeadLetterTopic() {
    events.pipeInput("short", event("short", new float[5], ""));
    assertThat(reason(deadLetters.readRecord())).contains("has 5 values").contains("expects 20");
    assertThat(scores.isEmpty()).isTrue();
  }

  @Test
  void routesNonFiniteValuesToTheDeadLetterTopic() {
    String json = new String(event("inf", probes[0], ""), StandardCharsets.UTF_8).replaceFirst("\\[[^,]+,", "[1e400,");
    events.pipeInput("inf", json.getBytes(StandardCharsets.UTF_8));
    assertThat(reason(deadLetters.readRecord())).contains("features[0]").contains("not finite");
  }

  @Test
  void routesAMissingIdToTheDeadLetterTopic() {
    events.pipeInput("k", "{\"features\":[]}".getBytes(StandardCharsets.UTF_8));
    assertThat(reason(deadLetters.readRecord())).contains("'id'");
  }

  @Test
  void routesAnOversizedPayloadToTheDeadLetterTopic() {
    events.pipeInput("big", new byte[64 * 1024 + 1]);
    assertThat(reason(deadLetters.readRecord())).contains("exceeds the limit");
  }

  @Test
  void routesALabelOutOfRangeToTheDeadLetterTopic() {
    events.pipeInput("e", event("e", probes[0], ",\"label\":7"));
    assertThat(reason(deadLetters.readRecord())).contains("'label'").contains("0..2");
  }

  @Test
  void routesANullValueToTheDeadLetterTopic() {
    events.pipeInput("tombstone", (byte[]) null);
    assertThat(reason(deadLetters.readRecord())).contains("null value");
  }

  private static byte[] label(String id, int label) {
    return ("{\"id\":\"" + id + "\",\"label\":" + label + "}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void servesOnlyTheChosenScoresOnEveryRecordAndInTheRollingQuality() throws Exception {
    driver.close();
    startDriver(new BatchSettings(1, Duration.ofMillis(50)), MonitorObserver.NONE, new EventParser(INPUT, CLASSES, 64 * 1024),
        ScoreSelection.parse("knn,softmax"));
    DocSchemas schemas = new DocSchemas();
    for (int i = 0; i < probes.length; i++) {
      events.pipeInput("e" + i, event("e" + i, probes[i], ""));
      labels.pipeInput("e" + i, label("e" + i, i % CLASSES));
    }
    List<TestRecord<String, byte[]>> scored = scores.readRecordsToList();
    List<TestRecord<String, byte[]>> joined = outcomes.readRecordsToList();
    assertThat(scored).hasSize(probes.length);
    for (TestRecord<String, byte[]> record : scored) {
      JsonNode event = JSON.readTree(record.value());
      assertThat(event.get("scores").fieldNames()).toIterable().containsExactly("softmax", "knn");
      assertThat(event.get("confidence").isNumber()).as("the answers always").isTrue();
      assertThat(event.get("trust").isNumber()).isTrue();
      schemas.assertValid("scored-event", new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(joined).isNotEmpty()
        .allSatisfy(r -> assertThat(JSON.readTree(r.value()).get("scores").fieldNames()).toIterable().containsExactly("softmax", "knn"));
    JsonNode snapshot = JSON.readTree(published().get(0).value());
    assertThat(snapshot.get("labelled").asInt()).isEqualTo(Math.min(WINDOW, joined.size()));
    assertThat(snapshot.get("auroc").fieldNames()).toIterable().containsExactly("softmax", "knn", "confidence", "trust");
    assertThat(snapshot.get("ece").fieldNames()).toIterable().containsExactly("softmax", "knn", "confidence");
    assertThat(snapshot.get("auroc").get("knn").isNumber()).as("both classes labelled: defined").isTrue();
  }

  @Test
  void leavesOutOfTheWindowsAnOutcomeScoredWhileFewerScoresWereServed() throws Exception {
    driver.close();
    startDriver(new BatchSettings(1, Duration.ofMillis(50)), MonitorObserver.NONE, new EventParser(INPUT, CLASSES, 64 * 1024),
        ScoreSelection.parse("softmax,knn"));
    var outcomesIn = driver.createInputTopic(MonitorConfig.DEFAULT.topics().outcomes(), new StringSerializer(), new ByteArraySerializer());
    EventAnswers answers = new EventAnswers(0.9, 0.5, false, 0.8);
    outcomesIn.pipeInput("old", Json.write(Outcome.of("old", 0, 0, Map.of("softmax", 0.9), answers, 1L)));
    assertThat(published()).as("nothing entered the windows").isEmpty();
    outcomesIn.pipeInput("new", Json.write(Outcome.of("new", 0, 0, Map.of("softmax", 0.9, "knn", -1.0), answers, 2L)));
    assertThat(JSON.readTree(published().get(0).value()).get("labelled").asInt()).isEqualTo(1);
  }

  @Test
  void joinsALateLabelToItsScoredEvent() throws Exception {
    events.pipeInput("e", event("e", probes[0], ""));
    int predicted = JSON.readTree(scores.readValue()).get("predicted").asInt();
    assertThat(outcomes.isEmpty()).isTrue();
    labels.pipeInput("e", label("e", predicted));
    JsonNode outcome = JSON.readTree(outcomes.readValue());
    assertThat(outcome.get("id").asText()).isEqualTo("e");
    assertThat(outcome.get("label").asInt()).isEqualTo(predicted);
    assertThat(outcome.get("scores").get("primary").isNumber()).isTrue();
    JsonNode snapshot = JSON.readTree(published().get(0).value());
    assertThat(snapshot.get("labelled").asInt()).isEqualTo(1);
    assertThat(snapshot.get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(snapshot.get("auroc").get("softmax").isNull()).as("one class: undefined, not 0").isTrue();
  }

  @Test
  void deadLettersALabelForAnUnknownIdOnceEventsStampedPastTheGraceHaveBeenRead() {
    Instant labelled = Instant.parse("2026-01-01T00:00:00Z");
    labels.pipeInput("nobody", label("nobody", 1), labelled);
    assertThat(deadLetters.isEmpty()).as("the event may still come").isTrue();
    events.pipeInput("later", event("later", probes[0], ""), labelled.plus(LABEL_GRACE).plusSeconds(1));
    driver.advanceWallClockTime(LABEL_GRACE.plusSeconds(1));
    TestRecord<String, byte[]> dead = deadLetters.readRecord();
    assertThat(reason(dead)).contains("no scored event waiting for id 'nobody' within the label grace");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).as("the original bytes").isEqualTo(new String(label("nobody", 1), StandardCharsets.UTF_8));
    assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.TOPIC).value(), StandardCharsets.UTF_8)).isEqualTo(MonitorConfig.DEFAULT.topics().labels());
  }

  @Test
  void holdsALabelPastTheGraceOnTheWallClockWhileTheTaskHasReadNoLaterEvents() throws Exception {
    // a task that took over after a failover, still behind on its events: their labels must wait
    Instant labelled = Instant.parse("2026-01-01T00:00:00Z");
    labels.pipeInput("behind", label("behind", 1), labelled);
    events.pipeInput("earlier", event("earlier", probes[1], ""), labelled.minusSeconds(60));
    driver.advanceWallClockTime(LABEL_GRACE.multipliedBy(6));
    assertThat(deadLetters.isEmpty()).as("no event read yet is stamped past the label's grace").isTrue();
    events.pipeInput("behind", event("behind", probes[0], ""), labelled.minusSeconds(1));
    JsonNode outcome = JSON.readTree(outcomes.readValue());
    assertThat(outcome.get("id").asText()).isEqualTo("behind");
    assertThat(outcome.get("label").asInt()).isEqualTo(1);
  }

  @Test
  void expiresAHeldLabelAfterTheLabelRetentionWhenNoEventsCome() {
    labels.pipeInput("nobody", label("nobody", 1));
    driver.advanceWallClockTime(LABEL_RETENTION.minusSeconds(1));
    assertThat(deadLetters.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(reason(deadLetters.readRecord())).contains("no scored event waiting for id 'nobody' within the label grace");
  }

  @Test
  void scoresTheBufferedEventsBeforeExpiringLabels() throws Exception {
    driver.close();
    startDriver(new BatchSettings(100, Duration.ofHours(1)));
    Instant labelled = Instant.parse("2026-01-01T00:00:00Z");
    labels.pipeInput("buffered", label("buffered", 1), labelled);
    events.pipeInput("buffered", event("buffered", probes[0], ""), labelled);
    events.pipeInput("much-later", event("much-later", probes[1], ""), labelled.plus(LABEL_GRACE).plusSeconds(1));
    assertThat(outcomes.isEmpty()).as("both events wait in the batch buffer").isTrue();
    driver.advanceWallClockTime(LABEL_GRACE.plusSeconds(1));
    assertThat(JSON.readTree(outcomes.readValue()).get("id").asText()).isEqualTo("buffered");
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void joinsALabelThatArrivesBeforeItsEvent() throws Exception {
    labels.pipeInput("early", label("early", 1));
    events.pipeInput("early", event("early", probes[0], ""));
    JsonNode scored = JSON.readTree(scores.readValue());
    JsonNode outcome = JSON.readTree(outcomes.readValue());
    assertThat(outcome.get("id").asText()).isEqualTo("early");
    assertThat(outcome.get("label").asInt()).isEqualTo(1);
    assertThat(outcome.get("predicted").asInt()).isEqualTo(scored.get("predicted").asInt());
    driver.advanceWallClockTime(LABEL_GRACE.plusSeconds(1));
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void deadLettersADuplicateLabel() {
    events.pipeInput("e", event("e", probes[0], ""));
    labels.pipeInput("e", label("e", 1));
    labels.pipeInput("e", label("e", 1));
    assertThat(outcomes.readRecordsToList()).hasSize(1);
    events.pipeInput("later", event("later", probes[1], ""), Instant.now().plus(LABEL_GRACE).plusSeconds(1));
    driver.advanceWallClockTime(LABEL_GRACE.plusSeconds(1));
    assertThat(reason(deadLetters.readRecord())).contains("duplicate label");
  }

  @Test
  void deadLettersALabelForAnEventThatCarriedItsOwn() {
    labels.pipeInput("own", label("own", 1));
    events.pipeInput("own", event("own", probes[0], ", \"label\": 2"));
    assertThat(outcomes.readRecordsToList()).hasSize(1);
    assertThat(reason(deadLetters.readRecord())).contains("carried its own label (duplicate label)");
  }

  @Test
  void deadLettersAMalformedLabel() {
    labels.pipeInput("e", "{\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(reason(deadLetters.readRecord())).contains("missing field 'label'");
  }

  @Test
  void tracksTheExactAurocOfTheLastLabelledEvents() throws Exception {
    float[][] stream = StreamFixtures.inputs(60, 11);
    int[] truth = StreamFixtures.labels(60);
    for (int i = 0; i < stream.length; i++) {
      events.pipeInput("e" + i, event("e" + i, stream[i], ",\"label\":" + truth[i]));
    }
    List<JsonNode> seen = readJson(outcomes);
    assertThat(seen).hasSize(60);
    List<JsonNode> last = seen.subList(60 - WINDOW, 60);
    boolean[] correct = new boolean[WINDOW];
    double[] primary = new double[WINDOW];
    int right = 0;
    for (int i = 0; i < WINDOW; i++) {
      correct[i] = last.get(i).get("predicted").asInt() == last.get(i).get("label").asInt();
      primary[i] = last.get(i).get("scores").get("primary").asDouble();
      right += correct[i] ? 1 : 0;
    }
    List<TestRecord<String, byte[]>> snapshots = published();
    JsonNode latest = JSON.readTree(snapshots.get(snapshots.size() - 1).value());
    assertThat(latest.get("labelled").asInt()).isEqualTo(WINDOW);
    assertThat(latest.get("accuracy").asDouble()).isCloseTo((double) right / WINDOW, within(1e-12));
    if (right > 0 && right < WINDOW) {
      assertThat(latest.get("auroc").get("primary").asDouble()).isCloseTo(Auroc.of(primary, correct), within(1e-12));
    } else {
      assertThat(latest.get("auroc").get("primary").isNull()).isTrue();
    }
  }

  @Test
  void publishesTheMergedQualityOncePerIntervalAndOnlyAfterNewOutcomes() throws Exception {
    float[][] stream = StreamFixtures.inputs(3, 14);
    int[] truth = StreamFixtures.labels(3);
    for (int i = 0; i < stream.length; i++) {
      events.pipeInput("p" + i, event("p" + i, stream[i], ",\"label\":" + truth[i]));
    }
    assertThat(quality.isEmpty()).as("nothing before the interval has passed").isTrue();

    List<TestRecord<String, byte[]>> first = published();
    List<TestRecord<String, byte[]>> idle = published();

    assertThat(first).hasSize(1);
    assertThat(JSON.readTree(first.get(0).value()).get("labelled").asInt()).isEqualTo(3);
    assertThat(idle).as("no new outcome, no new snapshot").isEmpty();
  }

  @Test
  void handsTheObserverTheCalibratedScoresTheRollingEceWasComputedFrom() {
    List<Outcome> seen = new java.util.ArrayList<>();
    List<Map<ScoreName, Double>> calibrations = new java.util.ArrayList<>();
    List<QualitySnapshot> snapshots = new java.util.ArrayList<>();
    driver.close();
    startDriver(new BatchSettings(1, Duration.ofMillis(50)), new MonitorObserver() {
      @Override
      public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
        seen.add(outcome);
        calibrations.add(calibrated);
      }

      @Override
      public void quality(QualitySnapshot merged) {
        snapshots.add(merged);
      }
    });
    float[][] stream = StreamFixtures.inputs(10, 12);
    int[] truth = StreamFixtures.labels(10);
    for (int i = 0; i < stream.length; i++) {
      events.pipeInput("c" + i, event("c" + i, stream[i], ",\"label\":" + truth[i]));
      if (i == 0) {
        published();
      }
    }
    assertThat(seen).hasSize(10);
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(calibrations.get(i)).containsOnlyKeys(ScoreName.values());
      assertThat(seen.get(i).answers()).as("handed over with its answers").isPresent();
      for (ScoreName score : ScoreName.values()) {
        assertThat(calibrations.get(i).get(score)).as(score.key())
            .isEqualTo(scorer.calibrated(score, seen.get(i).scores().get(score.key())));
      }
    }
    // with one outcome in the window, ECE is |1{correct} − calibrated|: the values handed over are the ones the ECE used
    double hit = seen.get(0).correct() ? 1 : 0;
    for (ScoreName score : ScoreName.values()) {
      assertThat(snapshots.get(0).ece().get(score.key())).as(score.key())
          .isCloseTo(Math.abs(hit - calibrations.get(0).get(score)), within(1e-12));
    }
  }

  @Test
  void tracksTheRollingAurocOfTheAnswersAndTheEceOfTheConfidenceBesideTheScores() throws Exception {
    float[][] stream = StreamFixtures.inputs(60, 13);
    int[] truth = StreamFixtures.labels(60);
    for (int i = 0; i < stream.length; i++) {
      events.pipeInput("a" + i, event("a" + i, stream[i], ",\"label\":" + truth[i]));
    }
    List<JsonNode> scored = readJson(scores);
    List<JsonNode> joined = readJson(outcomes);
    assertThat(joined).hasSize(60);
    for (int i = 0; i < 60; i++) {
      for (String answer : List.of("confidence", "oodPValue", "ood", "trust")) {
        assertThat(joined.get(i).get(answer)).as("the outcome carries its event's " + answer).isEqualTo(scored.get(i).get(answer));
      }
    }
    List<JsonNode> last = joined.subList(60 - WINDOW, 60);
    boolean[] correct = new boolean[WINDOW];
    double[] confidence = new double[WINDOW];
    double[] trust = new double[WINDOW];
    for (int i = 0; i < WINDOW; i++) {
      correct[i] = last.get(i).get("predicted").asInt() == last.get(i).get("label").asInt();
      confidence[i] = last.get(i).get("confidence").asDouble();
      trust[i] = last.get(i).get("trust").asDouble();
    }
    List<TestRecord<String, byte[]>> snapshots = published();
    JsonNode latest = JSON.readTree(snapshots.get(snapshots.size() - 1).value());
    assertThat(latest.get("auroc").get("confidence").asDouble()).isCloseTo(Auroc.of(confidence, correct), within(1e-12));
    assertThat(latest.get("auroc").get("trust").asDouble()).isCloseTo(Auroc.of(trust, correct), within(1e-12));
    assertThat(latest.get("ece").get("confidence").asDouble())
        .isCloseTo(io.penultimate.evaluation.CalibrationError.expected(confidence, correct, 15), within(1e-12));
    assertThat(latest.get("ece").has("trust")).as("trust is no P(correct)").isFalse();
    assertThat(latest.get("time").get("auroc").has("confidence")).isTrue();
  }

  @Test
  void recomputesTheAnswersOfAnOutcomeWrittenBeforeOutcomesCarriedThem() throws Exception {
    List<Outcome> seen = new java.util.ArrayList<>();
    List<QualitySnapshot> snapshots = new java.util.ArrayList<>();
    driver.close();
    startDriver(new BatchSettings(1, Duration.ofMillis(50)), new MonitorObserver() {
      @Override
      public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
        seen.add(outcome);
      }

      @Override
      public void quality(QualitySnapshot merged) {
        snapshots.add(merged);
      }
    });
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    ModelOutputs offline = network.run(new float[][] {probes[4]});
    double[] values = scorer.scores(offline.hidden()[0], offline.logits()[0]);
    Answers.Answer expected = scorer.answer(offline.logits()[0], values);
    Map<String, Double> scoresByKey = new java.util.LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      scoresByKey.put(score.key(), values[score.ordinal()]);
    }
    // the outcome record of the version before the answers: no confidence, oodPValue, ood or trust
    String old = "{\"id\":\"old\",\"predicted\":" + offline.predicted()[0] + ",\"label\":1,\"scores\":"
        + JSON.writeValueAsString(scoresByKey) + ",\"timestamp\":1700000000000}";
    new DocSchemas().assertValid("outcome", old);
    driver.createInputTopic(MonitorConfig.DEFAULT.topics().outcomes(), new StringSerializer(), new ByteArraySerializer())
        .pipeInput("old", old.getBytes(StandardCharsets.UTF_8));
    published();

    assertThat(seen).hasSize(1);
    EventAnswers answers = seen.get(0).answers().orElseThrow();
    assertThat(answers.confidence()).as("the max softmax's log-odds from the stored max softmax")
        .isCloseTo(expected.confidence(), within(1e-9));
    assertThat(answers.oodPValue()).isEqualTo(expected.oodPValue());
    assertThat(answers.ood()).isEqualTo(expected.ood());
    assertThat(answers.trust()).isCloseTo(expected.trust(), within(1e-9));
    assertThat(snapshots.get(0).ece().get("confidence")).isCloseTo(Math.abs((seen.get(0).correct() ? 1 : 0) - answers.confidence()), within(1e-12));
  }

  @Test
  void joinsALabelToAnEventPendingSinceBeforeEventsCarriedTheirAnswers() throws Exception {
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    ModelOutputs offline = network.run(new float[][] {probes[5]});
    double[] values = scorer.scores(offline.hidden()[0], offline.logits()[0]);
    Map<String, Double> scoresByKey = new java.util.LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      scoresByKey.put(score.key(), values[score.ordinal()]);
    }
    org.apache.kafka.streams.state.KeyValueStore<String, byte[]> pending = driver.getKeyValueStore(MonitorTopology.PENDING_STORE);
    pending.put("waiting", ("{\"predicted\":" + offline.predicted()[0] + ",\"scores\":" + JSON.writeValueAsString(scoresByKey)
        + ",\"scoredAtMs\":" + System.currentTimeMillis() + "}").getBytes(StandardCharsets.UTF_8));
    labels.pipeInput("waiting", label("waiting", 0));

    JsonNode outcome = JSON.readTree(outcomes.readValue());
    assertThat(outcome.has("confidence")).as("the pending entry had no answers to pass on").isFalse();
    JsonNode snapshot = JSON.readTree(published().get(0).value());
    assertThat(snapshot.get("ece").get("confidence").asDouble())
        .as("the quality stage recomputed them")
        .isCloseTo(Math.abs((offline.predicted()[0] == 0 ? 1 : 0) - scorer.answer(offline.logits()[0], values).confidence()), within(1e-9));
  }

  @Test
  void scoresAFullBatchAtOnceAndAPartialOneAfterTheLinger() throws Exception {
    driver.close();
    startDriver(new BatchSettings(4, Duration.ofMillis(50)));
    for (int i = 0; i < 3; i++) {
      events.pipeInput("b" + i, event("b" + i, probes[i], ""));
    }
    assertThat(scores.isEmpty()).as("three of four buffered").isTrue();
    events.pipeInput("b3", event("b3", probes[3], ""));
    List<TestRecord<String, byte[]>> batch = scores.readRecordsToList();
    assertThat(batch).extracting(TestRecord::key).containsExactly("b0", "b1", "b2", "b3");
    ModelOutputs offline = network.run(java.util.Arrays.copyOf(probes, 4));
    double[] expected = new ConfidenceScorer(bundle).scores(offline.hidden()[2], offline.logits()[2]);
    assertThat(JSON.readTree(batch.get(2).value()).get("scores").get("gaussian").asDouble())
        .as("same batch composition, same numbers")
        .isCloseTo(expected[ScoreName.GAUSSIAN.ordinal()], within(1e-9 * Math.max(1, Math.abs(expected[ScoreName.GAUSSIAN.ordinal()]))));

    events.pipeInput("b4", event("b4", probes[4], ""));
    assertThat(scores.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(60));
    assertThat(scores.readRecord().key()).isEqualTo("b4");
  }

  @Test
  void joinsALabelWhoseEventIsStillInTheBatchBuffer() throws Exception {
    driver.close();
    startDriver(new BatchSettings(4, Duration.ofMillis(50)));
    events.pipeInput("b0", event("b0", probes[0], ""));
    events.pipeInput("b1", event("b1", probes[1], ""));
    labels.pipeInput("b1", label("b1", 2));
    labels.pipeInput("b1", label("b1", 2));
    assertThat(reason(deadLetters.readRecord())).as("a second label while one waits").contains("duplicate label");
    assertThat(scores.isEmpty()).as("the label waits for the batch").isTrue();
    assertThat(outcomes.isEmpty()).isTrue();
    driver.advanceWallClockTime(Duration.ofMillis(60));
    assertThat(scores.readRecordsToList()).extracting(TestRecord::key).containsExactly("b0", "b1");
    JsonNode outcome = JSON.readTree(outcomes.readValue());
    assertThat(outcome.get("id").asText()).isEqualTo("b1");
    assertThat(outcome.get("label").asInt()).isEqualTo(2);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void writesThePendingChangelogOnlyForEventsThatWaitedThere() {
    driver.close();
    startDriver(new BatchSettings(4, Duration.ofMillis(50)));
    TestOutputTopic<String, byte[]> pendingChangelog =
        driver.createOutputTopic("penultimate-test-" + MonitorTopology.PENDING_STORE + "-changelog", new StringDeserializer(),
            new ByteArrayDeserializer());
    events.pipeInput("buffered", event("buffered", probes[0], ""));
    labels.pipeInput("buffered", label("buffered", 1));
    driver.advanceWallClockTime(Duration.ofMillis(60));
    assertThat(outcomes.readRecord().key()).isEqualTo("buffered");
    assertThat(pendingChangelog.isEmpty()).as("joined before it was scored: never pending, no tombstone").isTrue();

    events.pipeInput("late", event("late", probes[1], ""));
    driver.advanceWallClockTime(Duration.ofMillis(60));
    labels.pipeInput("late", label("late", 1));
    assertThat(outcomes.readRecord().key()).isEqualTo("late");
    List<TestRecord<String, byte[]>> logged = pendingChangelog.readRecordsToList();
    assertThat(logged).extracting(TestRecord::key).containsExactly("late", "late");
    assertThat(logged.get(1).value()).as("deleted once joined").isNull();
  }

  /** Every record the topic holds, parsed. */
  private static List<JsonNode> readJson(TestOutputTopic<String, byte[]> topic) throws IOException {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (TestRecord<String, byte[]> record : topic.readRecordsToList()) {
      out.add(JSON.readTree(record.value()));
    }
    return out;
  }
}
