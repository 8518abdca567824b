package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.ScoreName;
import io.penultimate.cli.Penultimate;
import io.penultimate.data.DataFetcher;
import io.penultimate.demo.EventReplay;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.Trainer;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.metrics.MetricsServer;
import io.penultimate.metrics.MonitorMeters;
import io.penultimate.metrics.ProcessMetrics;
import io.penultimate.metrics.PrometheusText;
import io.penultimate.model.ModelMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The monitor against a real single-node KRaft broker running in this JVM: plain producers and
 * consumers of JSON strings, exactly-once processing, read_committed output.
 */
@Tag("integration")
class MonitorIntegrationTest {
  private static final int EVENTS = 300;
  private static final List<String> BAD = List.of("{not json", "{\"id\":\"short\",\"features\":[1,2,3]}", "{\"features\":[]}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path stateDir;
  private static KafkaClusterTestKit cluster;
  private static MultiLayerNetwork network;
  private static StreamFixtures fixtures;
  private static Path modelFile;
  private static Path bundleFile;

  @BeforeAll
  static void startBroker() throws Exception {
    cluster = SingleBroker.start();
    network = trainNetwork();
    fixtures = StreamFixtures.fit(HiddenProbe.of(network, null)::probe);
    // serve reads files: the same network and a bundle fitted on it, naming the file's hash
    modelFile = stateDir.resolve("model.zip");
    ModelFile.write(network, ModelMetadata.trained("synthetic", "paper-mlp", 1, 0, 0, 3, "1",
        network.getLayer(1).getParam("W").columns(), StreamFixtures.INPUT, List.of("a", "b", "c")), modelFile);
    bundleFile = stateDir.resolve("encoders.json");
    BundleJson.write(StreamFixtures.fit(HiddenProbe.of(network, null)::probe, ModelFile.sha256(modelFile)).bundle, bundleFile);
  }

  /** The monitor on these topics, ranking lowest nodes by the trinomial likelihood, reading from the start. */
  private static MonitorConfig config(String application, Topics topics, Path state) {
    return MonitorConfig.DEFAULT.with(topics).with("application-id", application)
        .with("bootstrap-servers", cluster.bootstrapServers()).with("state-dir", state.toString())
        .with("node-encoder", "trinomial").with("lowest-nodes", "3")
        .with(MonitorConfig.KAFKA_PREFIX + StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest")
        .validate();
  }

  /** Every task probes its own copy of the network. */
  private static ScoringModel scoringModel() {
    return new ScoringModel(fixtures.bundle, StreamFixtures.INPUT, () -> HiddenProbe.of(network.clone(), null)::probe, "m", "b", BlasDotProducts.INSTANCE);
  }

  /** A real DL4J network on the streaming fixtures' inputs, trained in seconds. */
  private static MultiLayerNetwork trainNetwork() {
    return new Trainer(TrainingSettings.defaults(1).withMaxEpochs(3))
        .train(ModelRecipe.PAPER_MLP, List.of(StreamFixtures.INPUT), StreamFixtures.inputs(1500, 1), StreamFixtures.labels(1500),
            StreamFixtures.inputs(900, 2), StreamFixtures.labels(900), StreamFixtures.CLASSES, Trainer.Progress.NONE)
        .network();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @Test
  void scoresEveryEventExactlyOnceDeadLettersTheBadOnesAndServesMetrics() throws Exception {
    Topics topics = Topics.withPrefix("it");
    createTopics(topics);
    MonitorConfig config = config("penultimate-it", topics, stateDir)
        .with(MonitorConfig.KAFKA_PREFIX + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
        .with("node-window", "100").with("node-metrics-cap", "4");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MonitorObserver metrics = MonitorMeters.bind(registry, fixtures.bundle, config);
    try (KafkaStreams streams = MonitorStreams.create(config, scoringModel(), metrics);
        MetricsServer server = new MetricsServer(0, registry, streams::state)) {
      ProcessMetrics.bind(registry, streams);
      // the GC pause timer appears with the first collection after binding, as in any process that has run a while
      System.gc();
      streams.start();
      produce(topics.events());
      List<ConsumerRecord<String, String>> scored = consume(topics.scores(), EVENTS);
      List<ConsumerRecord<String, String>> dead = consume(topics.deadLetters(), BAD.size());
      qualityCovering(topics.quality(), EVENTS / 2);

      Set<String> ids = new HashSet<>();
      for (ConsumerRecord<String, String> record : scored) {
        assertThat(ids.add(record.key())).as("duplicate " + record.key()).isTrue();
        assertThat(JSON.readTree(record.value()).get("confidence").asDouble()).isBetween(0.0, 1.0);
      }
      Set<String> expected = new HashSet<>();
      for (int i = 0; i < EVENTS; i++) {
        expected.add("e" + i);
      }
      assertThat(ids).isEqualTo(expected);
      assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(BAD);
      assertThat(dead).allSatisfy(r -> assertThat(r.headers().lastHeader(DeadLetterHeaders.REASON)).isNotNull());

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://localhost:" + server.port();
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(), BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      Map<String, Double> scrape = PrometheusText.parse(
          http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), BodyHandlers.ofString()).body());
      assertThat(scrape.get("penultimate_events_total{outcome=\"in_distribution\"}") + scrape.get("penultimate_events_total{outcome=\"ood\"}"))
          .isEqualTo(EVENTS);
      assertThat(scrape.get("penultimate_events_total{outcome=\"dead_lettered\"}")).isEqualTo(BAD.size());
      assertThat(scrape.get("penultimate_dead_letters_total{reason=\"malformed\"}")).isEqualTo(1);
      assertThat(scrape.get("penultimate_dead_letters_total{reason=\"missing_id\"}")).isEqualTo(1);
      assertThat(scrape.get("penultimate_dead_letters_total{reason=\"wrong_length\"}")).isEqualTo(1);
      assertThat(scrape.get("penultimate_rolling_labelled{window=\"count\"}")).isEqualTo(EVENTS / 2);
      assertThat(scrape.get("penultimate_rolling_labelled{window=\"time\"}")).as("all within the last hour").isEqualTo(EVENTS / 2);
      assertThat(scrape.get("penultimate_rolling_auroc{score=\"gmm\",window=\"time\"}")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_rolling_auroc{score=\"primary\",window=\"count\"}")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_rolling_ece{score=\"softmax\",window=\"count\"}")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_score_calibrated_count{outcome=\"correct\",score=\"gmm\"}")
              + scrape.get("penultimate_score_calibrated_count{outcome=\"wrong\",score=\"gmm\"}"))
          .isEqualTo(EVENTS / 2);
      assertThat(scrape.get("penultimate_confidence_bucket{le=\"+Inf\"}")).isEqualTo(EVENTS);
      assertThat(scrape.get("penultimate_confidence_bucket{le=\"0.95\"}")).as("probabilities spread over the buckets, not rounded up to 1")
          .isLessThan(EVENTS);
      assertThat(scrape.get("penultimate_batch_size_sum")).isEqualTo(EVENTS);
      assertThat(scrape.get("penultimate_ood_p_value_bucket{le=\"+Inf\"}")).isEqualTo(EVENTS);
      assertThat(scrape.get("penultimate_estimate_events")).as("the default window holds every event").isEqualTo(EVENTS);
      assertThat(scrape.get("penultimate_estimated_accuracy")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_estimated_ood_share")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_ood_alpha")).isEqualTo(fixtures.bundle.answers().oodPValue().alpha());
      assertThat(scrape.get("penultimate_assumed_ood_share")).isEqualTo(fixtures.bundle.answers().trust().oodShare());
      assertThat(scrape.get("penultimate_outcomes_total{ood=\"true\"}") + scrape.get("penultimate_outcomes_total{ood=\"false\"}"))
          .isEqualTo(EVENTS / 2);
      assertThat(scrape.get("penultimate_rolling_auroc{score=\"confidence\",window=\"count\"}")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_rolling_ece{score=\"confidence\",window=\"count\"}")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_node_drift{node=\"3\"}")).isFinite().isNotNegative();
      assertThat(scrape).doesNotContainKey("penultimate_node_drift{node=\"4\"}");
      assertThat(scrape.get("penultimate_layer_saturation")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_ood_rate")).isBetween(0.0, 1.0);
      assertThat(scrape.get("penultimate_streams_running")).isEqualTo(1);
      assertThat(scrape.keySet()).anyMatch(k -> k.startsWith("kafka_stream_thread_process_rate"));
      assertThat(scrape.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes"));
      assertThat(seriesNames(scrape)).as("every metric the dashboards and rules query is exported")
          .containsAll(metricsQueriedByDashboardsAndRules());
    }
  }

  @Test
  void aRestartMidStreamLosesNothingDuplicatesNothingAndKeepsTheRollingWindow(@TempDir Path restartState) throws Exception {
    Topics topics = Topics.withPrefix("rs");
    createTopics(topics);
    float[][] inputs = StreamFixtures.inputs(150, 21);
    int[] truth = StreamFixtures.labels(150);
    runUntil("penultimate-restart", topics, restartState.resolve("first"), inputs, truth, 0, 100, 100);
    // a new state directory: the window must come back from the changelog, not from local files
    runUntil("penultimate-restart", topics, restartState.resolve("second"), inputs, truth, 100, 150, 150);

    List<ConsumerRecord<String, String>> scored = consume(topics.scores(), 150);
    assertThat(scored).extracting(ConsumerRecord::key).doesNotHaveDuplicates().hasSize(150);
    assertThat(qualityCovering(topics.quality(), 150).get("labelled").asInt()).as("window survived the restart").isEqualTo(150);
  }

  /**
   * Earlier versions kept each outcome's JSON in the quality store under its sequence number; the
   * monitor now keeps blocks of them. Started on such a changelog (and no local state), it must
   * rebuild its windows from the old entries, add to them, and rebuild again from the mix.
   */
  @Test
  void aMonitorUpgradedOnTheQualityChangelogOfAnEarlierVersionCarriesItsWindowsOn(@TempDir Path upgradeState) throws Exception {
    Topics topics = Topics.withPrefix("up");
    createTopics(topics);
    String application = "penultimate-upgrade";
    String changelog = application + "-" + MonitorTopology.QUALITY_STORE + "-changelog";
    int earlierPerPartition = 30;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(changelog, 2, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
    }
    try (KafkaProducer<Long, byte[]> producer = new KafkaProducer<>(producerConfig(LongSerializer.class, ByteArraySerializer.class))) {
      for (int partition = 0; partition < 2; partition++) {
        for (long sequence = 0; sequence < earlierPerPartition; sequence++) {
          Map<String, Double> scores = new LinkedHashMap<>();
          for (ScoreName score : ScoreName.values()) {
            scores.put(score.key(), -sequence - score.ordinal() / 10.0);
          }
          Outcome outcome = Outcome.of("earlier-" + partition + "-" + sequence, (int) (sequence % 3), (int) (sequence % 2), scores,
              new EventAnswers(0.5, 0.2, false, 0.4), System.currentTimeMillis());
          producer.send(new ProducerRecord<>(changelog, partition, sequence, HotJson.write(outcome))).get();
        }
      }
    }
    float[][] inputs = StreamFixtures.inputs(80, 41);
    int[] truth = StreamFixtures.labels(80);
    int earlier = 2 * earlierPerPartition;
    runUntil(application, topics, upgradeState.resolve("first"), inputs, truth, 0, 40, earlier + 40);
    runUntil(application, topics, upgradeState.resolve("second"), inputs, truth, 40, 80, earlier + 80);
    assertThat(qualityCovering(topics.quality(), earlier + 80).get("labelled").asInt()).isEqualTo(earlier + 80);
  }

  /**
   * Four outcomes partitions, so four quality tasks whose summaries are merged, and enough labelled
   * events (4,000) that each partition's correct predictions fill more than a sketch's 256 points.
   */
  @Test
  void theMergedQualityOfFourPartitionsMatchesTheExactQualityOfEveryOutcome(@TempDir Path mergeState) throws Exception {
    int events = 4000;
    Topics topics = Topics.withPrefix("merge");
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      check.createMissing(topics, new TopicCheck.Creation(4, Optional.empty()));
    }
    float[][] inputs = StreamFixtures.inputs(events, 31);
    int[] truth = StreamFixtures.labels(events);
    MonitorConfig config = config("penultimate-merge", topics, mergeState).with("batch-size", "64");
    try (KafkaStreams streams = MonitorStreams.create(config, scoringModel(), MonitorObserver.NONE)) {
      streams.start();
      send(topics.events(), "m", inputs, truth, 0, events);
      JsonNode merged = qualityCovering(topics.quality(), events);

      List<JsonNode> outcomes = new ArrayList<>();
      for (ConsumerRecord<String, String> record : consume(topics.outcomes(), events)) {
        outcomes.add(JSON.readTree(record.value()));
      }
      assertThat(outcomes).hasSize(events);
      boolean[] correct = new boolean[events];
      int hits = 0;
      for (int i = 0; i < events; i++) {
        correct[i] = outcomes.get(i).get("predicted").asInt() == outcomes.get(i).get("label").asInt();
        hits += correct[i] ? 1 : 0;
      }
      assertThat(merged.get("labelled").asInt()).isEqualTo(events);
      assertThat(merged.get("accuracy").asDouble()).isCloseTo((double) hits / events, within(1e-12));
      assertThat(hits).as("both classes, for an AUROC").isStrictlyBetween(0, events);
      for (String key : QualityColumns.ALL.aurocKeys()) {
        double[] values = new double[events];
        for (int i = 0; i < events; i++) {
          JsonNode outcome = outcomes.get(i);
          // the answers are the outcome's own fields, the scores are in its map
          boolean answer = key.equals(QualitySnapshot.CONFIDENCE) || key.equals(QualitySnapshot.TRUST);
          values[i] = (answer ? outcome.get(key) : outcome.get("scores").get(key)).asDouble();
        }
        assertThat(merged.get("auroc").get(key).asDouble()).as(key).isCloseTo(Auroc.of(values, correct), within(0.005));
      }
      double[] confidence = outcomes.stream().mapToDouble(o -> o.get("confidence").asDouble()).toArray();
      assertThat(merged.get("ece").get("confidence").asDouble()).as("ECE merges exactly")
          .isCloseTo(CalibrationError.expected(confidence, correct), within(1e-9));
    }
  }

  /**
   * The first merged quality snapshot covering {@code labelled} outcomes, read_committed; fails
   * after 90 s with the last one seen.
   */
  private static JsonNode qualityCovering(String topic, int labelled) throws Exception {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "quality-" + topic + "-" + java.util.UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    JsonNode last = null;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          last = JSON.readTree(record.value());
          if (last.get("labelled").asInt() >= labelled) {
            return last;
          }
        }
      }
    }
    throw new AssertionError("no quality snapshot on " + topic + " covered " + labelled + " outcomes within 90 s; the last: " + last);
  }

  private static Set<String> seriesNames(Map<String, Double> scrape) {
    Set<String> names = new HashSet<>();
    scrape.keySet().forEach(series -> names.add(series.replaceAll("\\{.*", "")));
    return names;
  }

  /** Metric names in grafana/metrics-used.txt and in the Prometheus rule expressions. */
  private static Set<String> metricsQueriedByDashboardsAndRules() throws Exception {
    Set<String> names = new HashSet<>(Files.readAllLines(Path.of("grafana", "metrics-used.txt")));
    names.removeIf(String::isBlank);
    try (var rules = Files.list(Path.of("prometheus", "rules"))) {
      for (Path file : rules.toList()) {
        Matcher m = Pattern.compile("\\b(penultimate_[a-z_]+|kafka_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)").matcher(Files.readString(file));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private static void createTopics(Topics topics) throws Exception {
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      check.createMissing(topics, new TopicCheck.Creation(2, Optional.empty()));
    }
  }

  /** Runs the monitor on events {@code from} to {@code to} until its quality covers {@code labelled} outcomes. */
  private static void runUntil(String application, Topics topics, Path state, float[][] inputs, int[] truth, int from, int to, int labelled)
      throws Exception {
    try (KafkaStreams streams = MonitorStreams.create(config(application, topics, state), scoringModel(), MonitorObserver.NONE)) {
      streams.start();
      send(topics.events(), "r", inputs, truth, from, to);
      qualityCovering(topics.quality(), labelled);
    }
  }

  /** A producer to the test broker with one request in flight (KAFKA-15591 on new partitions). */
  private static Map<String, Object> producerConfig(Class<?> keySerializer, Class<?> valueSerializer) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, EventReplay.SAFE_IN_FLIGHT,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, keySerializer,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
  }

  /** Events {@code from} to {@code to} (exclusive), each carrying its label, ids {@code prefix + i}. */
  private static void send(String topic, String prefix, float[][] inputs, int[] truth, int from, int to) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(StringSerializer.class, StringSerializer.class))) {
      for (int i = from; i < to; i++) {
        producer.send(new ProducerRecord<>(topic, prefix + i, StreamFixtures.eventJson(prefix + i, inputs[i], ",\"label\":" + truth[i])));
      }
    }
  }

  @Test
  void produceCommandReplaysADataSplitAsEventJson() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int code = cli.execute("produce", "--dataset", "mnist", "--data-dir", DataFetcher.defaultDataDir().toString(),
        "--events", "40", "--with-labels", "--bootstrap-servers", cluster.bootstrapServers(), "--topic", "it.replay");
    assertThat(code).isZero();
    assertThat(out.toString()).contains("sent 40 events to it.replay");
    List<ConsumerRecord<String, String>> records = consume("it.replay", 40);
    assertThat(records).hasSize(40);
    var first = JSON.readTree(records.get(0).value());
    assertThat(first.get("features")).hasSize(784);
    assertThat(first.get("label").asInt()).isBetween(0, 9);
    assertThat(records).extracting(ConsumerRecord::key).contains("e0", "e39");
  }

  @Test
  void serveAgainstABrokerWithoutItsTopicsExitsOneNamingThemOnOneLine() {
    StringWriter err = new StringWriter();
    int code = serve(err, "absent");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).hasLineCount(1)
        .startsWith("penultimate: missing topics absent.events, absent.scores, absent.dlq, absent.labels, absent.outcomes, absent.quality: ")
        .contains("--create-topics");
  }

  @Test
  void serveWithCreateTopicsCreatesTheMissingOnesWithTheGivenPartitions() throws Exception {
    StringWriter err = new StringWriter();
    Thread serving = new Thread(() -> serve(err, "created", "--create-topics", "--partitions", "3", "--replication-factor", "1",
        "--state-dir", stateDir.resolve("created").toString()), "serve-under-test");
    serving.start();
    try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      // serve prints where its metrics are once the topics are ready and the monitor has started
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!err.toString().contains("metrics on http") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      var described = admin.describeTopics(List.of("created.events", "created.labels", "created.outcomes")).allTopicNames().get();
      assertThat(described.get("created.events").partitions()).hasSize(3);
      assertThat(described.get("created.labels").partitions()).hasSize(3);
      assertThat(described.get("created.outcomes").partitions()).as("one quality task per partition").hasSize(3);
    } finally {
      // serve waits until it is stopped; an interrupt ends the wait and closes the monitor
      serving.interrupt();
      serving.join(Duration.ofSeconds(60).toMillis());
    }
    assertThat(err.toString()).startsWith("penultimate: created topics created.events, created.scores, created.dlq, created.labels");
  }

  /** serve on six topics named prefix.events etc., with the fixtures' model and bundle files. */
  private static int serve(StringWriter err, String prefix, String... more) {
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    List<String> args = new ArrayList<>(List.of("serve", "--model", modelFile.toString(), "--encoders", bundleFile.toString(),
        "--bootstrap-servers", cluster.bootstrapServers(), "--metrics-port", "0",
        "--input-topic", prefix + ".events", "--output-topic", prefix + ".scores", "--dlq-topic", prefix + ".dlq",
        "--labels-topic", prefix + ".labels", "--outcomes-topic", prefix + ".outcomes", "--quality-topic", prefix + ".quality"));
    args.addAll(List.of(more));
    return cli.execute(args.toArray(String[]::new));
  }

  private static void produce(String topic) {
    float[][] inputs = StreamFixtures.inputs(EVENTS, 9);
    int[] truth = StreamFixtures.labels(EVENTS);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(StringSerializer.class, StringSerializer.class))) {
      for (int i = 0; i < EVENTS; i++) {
        // every other event carries its label, so the rolling quality has outcomes to measure
        String label = i % 2 == 0 ? ",\"label\":" + truth[i] : "";
        producer.send(new ProducerRecord<>(topic, "e" + i, StreamFixtures.eventJson("e" + i, inputs[i], label)));
        if (i % 100 == 0) {
          producer.send(new ProducerRecord<>(topic, "bad" + i, BAD.get(i / 100)));
        }
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + java.util.UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // one more poll: anything beyond the expected count would be a duplicate or a stray record
      consumer.poll(Duration.ofSeconds(2)).forEach(out::add);
    }
    return out;
  }
}
