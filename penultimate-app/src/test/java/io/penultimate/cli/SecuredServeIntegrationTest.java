package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.stream.MonitorAcls;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.SecuredBroker;
import io.penultimate.stream.TestCertificate;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * serve against a real broker with a SASL_SSL listener (SCRAM-SHA-512, a certificate made by the
 * test) and StandardAuthorizer: with the ACLs {@link MonitorAcls} lists it runs, logging at info
 * level without ever printing a password; with any one of them missing it stops with one line
 * naming that one.
 */
@Tag("integration")
class SecuredServeIntegrationTest {
  private static final String MONITOR = "User:" + SecuredBroker.MONITOR;
  // unusual strings, so that finding one in the output cannot be a coincidence
  private static final String ADMIN_PASSWORD = "adm1n-Pw-" + UUID.randomUUID();
  private static final String MONITOR_PASSWORD = "m0nitor-Pw-" + UUID.randomUUID();
  private static final int EVENTS = 40;

  @TempDir static Path dir;
  private static SecuredBroker broker;
  private static Admin admin;
  private static Path bundle;
  private static Path monitorProperties;

  @BeforeAll
  static void startBrokerAndFit() throws Exception {
    broker = SecuredBroker.start(dir, ADMIN_PASSWORD, MONITOR_PASSWORD);
    admin = broker.admin();
    bundle = OnnxEndToEndTest.fittedBundle(dir);
    // what a user puts in --kafka-config: everything but the brokers, which serve takes as a flag
    Properties client = new Properties();
    broker.clientConfig(SecuredBroker.MONITOR).forEach((key, value) -> client.setProperty(key, value.toString()));
    client.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    // Streams' consumers do not leave the group on close: the restart of the READ case waits out a stopped member's session
    client.setProperty(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
    monitorProperties = dir.resolve("monitor.properties");
    try (OutputStream out = Files.newOutputStream(monitorProperties)) {
      client.store(out, null);
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    admin.close();
    broker.stop();
  }

  /** One monitor deployment: its application id names its topics too, so that cases never share ACLs. */
  private record Deployment(String applicationId) {
    Topics topics() {
      return Topics.withPrefix(applicationId);
    }

    MonitorConfig config() {
      return MonitorConfig.DEFAULT.with(topics()).with("application-id", applicationId);
    }

    List<String> serveArgs(Path stateDir) {
      return serveArgs(stateDir, List.of("--metrics-port", "0"));
    }

    List<String> serveArgs(Path stateDir, List<String> metricsArgs) {
      Topics topics = topics();
      List<String> args = new ArrayList<>(List.of("serve", "--model", OnnxEndToEndTest.MLP.toString(), "--encoders", bundle.toString(),
          "--bootstrap-servers", broker.bootstrapServers(), "--kafka-config", monitorProperties.toString(),
          "--application-id", applicationId, "--state-dir", stateDir.toString(),
          "--input-topic", topics.events(), "--output-topic", topics.scores(), "--dlq-topic", topics.deadLetters(),
          "--labels-topic", topics.labels(), "--outcomes-topic", topics.outcomes(), "--quality-topic", topics.quality()));
      args.addAll(metricsArgs);
      return args;
    }
  }

  /** Each required ACL by its position in the list, named as the refusal names it. */
  /**
   * Every required ACL but DELETE on the internal topics: it only lets Streams purge the quality
   * summaries it has committed from their repartition topic, so without it serve runs on and the
   * topic keeps them, as docs/deploy.md says.
   */
  static Stream<Named<Integer>> everyRequiredAcl() {
    List<MonitorAcls.Acl> acls = MonitorAcls.required(MonitorConfig.DEFAULT);
    return IntStream.range(0, acls.size()).filter(i -> acls.get(i).operation() != AclOperation.DELETE)
        .mapToObj(i -> Named.of(acls.get(i).operation() + " " + acls.get(i).resource(), i));
  }

  @Test
  void servesWithTheMinimalAclsWithoutLeakingAPasswordOrEventContent() throws Exception {
    Deployment deployment = deploy("full", Optional.empty());
    produce(deployment.topics().events(), 0);
    produceTroublemakers(deployment.topics());
    // /metrics behind basic authentication and TLS, its secrets from a file and the environment
    String scraperPassword = "scr4per-Pw-" + UUID.randomUUID();
    Path passwordFile = Files.writeString(dir.resolve("metrics-password"), scraperPassword + "\n");
    TestCertificate metricsCertificate = TestCertificate.generate(Files.createDirectories(dir.resolve("metrics-tls")),
        "metrics-store-" + UUID.randomUUID());
    int port = freePort();
    List<String> metricsArgs = List.of("--metrics-bind", "127.0.0.1", "--metrics-port", String.valueOf(port),
        "--metrics-user", "scraper", "--metrics-password-file", passwordFile.toString(),
        "--metrics-tls-keystore", metricsCertificate.keystore().toString());
    Path log = dir.resolve("full-serve.log");
    Process serve = serveInAnotherJvm(deployment, dir.resolve("full-state"), metricsArgs,
        Map.of(MetricsAccess.TLS_PASSWORD_ENV, metricsCertificate.password()), log);
    List<ConsumerRecord<String, String>> scored;
    List<ConsumerRecord<String, String>> quality;
    List<ConsumerRecord<String, String>> deadLetters;
    List<String> responses = new ArrayList<>();
    try {
      scored = consume(deployment.topics().scores(), EVENTS);
      // merged snapshots come once per quality interval: read until one covers every labelled event
      quality = consume(deployment.topics().quality(), read -> !read.isEmpty() && labelled(read.get(read.size() - 1)) >= EVENTS / 2);
      deadLetters = consume(deployment.topics().deadLetters(), 2);
      HttpClient https = HttpClient.newBuilder().sslContext(metricsCertificate.trustingClientContext()).build();
      String base = "https://127.0.0.1:" + port;
      String basic = "Basic " + Base64.getEncoder().encodeToString(("scraper:" + scraperPassword).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> metrics = https.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).header("Authorization", basic).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("penultimate_events_total").contains("kafka_stream");
      responses.add(metrics.body());
      for (String health : List.of("/health", "/health/ready", "/health/live")) {
        HttpResponse<String> response = https.send(HttpRequest.newBuilder(URI.create(base + health)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(health).isEqualTo(200);
        responses.add(response.body());
      }
      responses.add(https.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body());
    } finally {
      serve.destroy(); // SIGTERM: the shutdown hook closes the monitor
      serve.waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);

    Set<String> ids = new HashSet<>();
    scored.forEach(record -> ids.add(record.key()));
    assertThat(ids).as(output).hasSize(EVENTS);
    assertThat(quality).as(output).isNotEmpty();
    assertThat(labelled(quality.get(quality.size() - 1))).as(output).isEqualTo(EVENTS / 2);
    assertThat(deadLetters).as(output).hasSizeGreaterThanOrEqualTo(2);
    for (String body : responses) {
      for (String content : EVENT_CONTENT) {
        assertThat(body).as("no event content in any response").doesNotContain(content);
      }
    }
    // the client configuration was logged (so a password could have been), with the secrets hidden
    assertThat(output).contains("sasl.jaas.config = [hidden]").contains("ssl.truststore.password = [hidden]");
    for (String secret : List.of(MONITOR_PASSWORD, ADMIN_PASSWORD, broker.certificate().password(), scraperPassword,
        metricsCertificate.password())) {
      assertThat(output).doesNotContain(secret);
    }
  }

  @ParameterizedTest(name = "without {0}")
  @MethodSource("everyRequiredAcl")
  void stopsWithOneLineNamingTheMissingAcl(int index) throws Exception {
    String applicationId = "acl" + index;
    MonitorAcls.Acl removed = MonitorAcls.required(new Deployment(applicationId).config()).get(index);
    Deployment deployment;
    if (removed.operation() == AclOperation.READ && removed.patternType() == PatternType.PREFIXED) {
      // READ on the changelogs is needed to restore state: a first run with every ACL leaves some,
      // the second starts as a new instance would, with an empty state directory
      deployment = deploy(applicationId, Optional.empty());
      produce(deployment.topics().events(), 0);
      Thread first = new Thread(() -> CliRun.of(deployment.serveArgs(dir.resolve(applicationId + "-first")).toArray(String[]::new)));
      first.start();
      assertThat(consume(deployment.topics().scores(), EVENTS)).as("scored in the first run").hasSize(EVENTS);
      first.interrupt();
      first.join();
      revoke(removed);
    } else {
      deployment = deploy(applicationId, Optional.of(removed));
      produce(deployment.topics().events(), 0);
    }
    CliRun run = CliRun.of(deployment.serveArgs(dir.resolve(applicationId + "-state")).toArray(String[]::new));

    String expected = "penultimate: not authorised to " + removed.operation() + " " + removed.resource() + " as " + MONITOR
        + ": grant it (see docs/deploy.md#acls)";
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().lines().filter(line -> line.contains("not authorised"))).as(run.err()).containsExactly(expected);
    assertThat(run.err().lines().reduce((a, b) -> b)).as(run.err()).contains(expected);
  }

  /** Creates the deployment's topics as the admin and grants the monitor every required ACL but {@code without}. */
  private static Deployment deploy(String applicationId, Optional<MonitorAcls.Acl> without) throws Exception {
    Deployment deployment = new Deployment(applicationId);
    Map<String, Object> adminConfig = new HashMap<>(broker.clientConfig(SecuredBroker.ADMIN));
    try (TopicCheck topics = TopicCheck.connect(adminConfig)) {
      topics.createMissing(deployment.topics(), new TopicCheck.Creation(2, Optional.of((short) 1)));
    }
    List<AclBinding> granted = MonitorAcls.required(deployment.config()).stream()
        .filter(acl -> without.map(removed -> !removed.equals(acl)).orElse(true))
        .map(acl -> acl.binding(MONITOR)).toList();
    admin.createAcls(granted).all().get();
    awaitAcls(deployment, granted.size());
    return deployment;
  }

  private static void revoke(MonitorAcls.Acl acl) throws Exception {
    admin.deleteAcls(List.of(acl.binding(MONITOR).toFilter())).all().get();
  }

  /** The broker applies ACLs from the metadata log a moment after the controller accepted them. */
  private static void awaitAcls(Deployment deployment, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
        .filter(binding -> binding.pattern().name().startsWith(deployment.applicationId())).count() < count) {
      assertThat(System.nanoTime()).as("ACLs visible within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** serve in a JVM of its own, logging at info level, stdout and stderr both to {@code log}. */
  private static Process serveInAnotherJvm(Deployment deployment, Path stateDir, List<String> metricsArgs, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), Penultimate.class.getName(), "--log-level", "info"));
    command.addAll(deployment.serveArgs(stateDir, metricsArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * Events with an unusual id ({@code ID_MARK}), first feature ({@code FEATURE_MARK} and more
   * digits) and, for the troublemakers, label: strings no metric or health response could hold by chance.
   */
  private static final String ID_MARK = "evt-zq7x3k";
  private static final String FEATURE_MARK = "2.71828";
  private static final String LABEL_MARK = "987654321";
  private static final List<String> EVENT_CONTENT = List.of(ID_MARK, FEATURE_MARK, LABEL_MARK, "lbl-qv9w", "xyzzy-malformed");

  /** An event whose label is no class (a dead letter), a label for no event, an event that is not JSON. */
  private static void produceTroublemakers(Topics topics) {
    try (KafkaProducer<String, String> producer = producer()) {
      producer.send(new ProducerRecord<>(topics.events(), ID_MARK + "-bad-label",
          "{\"id\":\"" + ID_MARK + "-bad-label\",\"features\":[" + features(new Random(9), 99) + "],\"label\":" + LABEL_MARK + "}"));
      producer.send(new ProducerRecord<>(topics.labels(), "lbl-qv9w", "{\"id\":\"lbl-qv9w\",\"label\":" + LABEL_MARK + "1}"));
      producer.send(new ProducerRecord<>(topics.events(), "xyzzy-malformed", "{xyzzy-malformed"));
    }
  }

  /** 8 features ~ N(0, 1.5), the first replaced by {@code FEATURE_MARK} and the event's number. */
  private static String features(Random random, int event) {
    StringBuilder json = new StringBuilder(FEATURE_MARK).append(String.format(Locale.ROOT, "%05d", event));
    for (int j = 1; j < 8; j++) {
      json.append(',').append(String.format(Locale.ROOT, "%.4f", 1.5 * random.nextGaussian()));
    }
    return json.toString();
  }

  /** Events of 8 features, every other one carrying its label. */
  private static void produce(String topic, long seed) {
    Random random = new Random(seed);
    try (KafkaProducer<String, String> producer = producer()) {
      for (int i = 0; i < EVENTS; i++) {
        String id = ID_MARK + "-" + i;
        String label = i % 2 == 0 ? ",\"label\":" + random.nextInt(3) : "";
        producer.send(new ProducerRecord<>(topic, id, "{\"id\":\"" + id + "\",\"features\":[" + features(random, i) + "]" + label + "}"));
      }
    }
  }

  private static KafkaProducer<String, String> producer() {
    return new KafkaProducer<>(adminClient(Map.of(
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
    return consume(topic, read -> read.size() >= expected);
  }

  /** Reads the topic from its start, read_committed, until {@code done} holds of what was read or 90 s have passed. */
  private static List<ConsumerRecord<String, String>> consume(String topic, Predicate<List<ConsumerRecord<String, String>>> done) {
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(adminClient(Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!done.test(out) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** How many labelled events a merged quality snapshot covers. */
  private static int labelled(ConsumerRecord<String, String> snapshot) {
    try {
      return new ObjectMapper().readTree(snapshot.value()).get("labelled").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> adminClient(Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(broker.clientConfig(SecuredBroker.ADMIN));
    config.putAll(extra);
    return config;
  }
}
