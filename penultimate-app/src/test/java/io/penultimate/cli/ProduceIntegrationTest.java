package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.data.LabelOptions;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.SampleFiles;
import io.penultimate.stream.EventParser;
import io.penultimate.stream.InputEvent;
import io.penultimate.stream.SingleBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code produce --data} against a real single-node KRaft broker in this JVM, with the ONNX MLP
 * fixture's CSV files: every record sent is read back and parsed by the monitor's own
 * {@link EventParser}, in-distribution events carry the file's rows in order (and their labels
 * when asked), OOD events the OOD file's rows and no label. Each topic has one partition, so the
 * records come back in the order they were sent.
 */
@Tag("integration")
class ProduceIntegrationTest {
  private static final Path TEST = Path.of(OnnxEndToEndTest.FIXTURES + "mlp-test.csv");
  private static final Path OOD = Path.of(OnnxEndToEndTest.FIXTURES + "mlp-ood.csv");
  private static final EventParser PARSER = new EventParser(8, 3, 1 << 20);

  private static KafkaClusterTestKit cluster;
  private static LabeledSamples test;
  private static LabeledSamples ood;

  @BeforeAll
  static void startBrokerAndReadTheFiles() throws Exception {
    cluster = SingleBroker.start();
    test = SampleFiles.read(TEST, LabelOptions.DEFAULT);
    ood = SampleFiles.readUnlabelled(OOD, LabelOptions.DEFAULT_COLUMN);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @Test
  void sendsTheFilesRowsWithTheirLabelsInsideAndMixesInTheOodFilesRowsUnlabelled() throws Exception {
    String topic = topic("with-labels");

    CliRun produce = CliRun.of("produce", "--data", TEST.toString(), "--ood", OOD.toString(), "--ood-share", "0.25", "--with-labels",
        "--events", "200", "--topic", topic, "--bootstrap-servers", cluster.bootstrapServers());

    assertThat(produce.code()).as(produce.err()).isZero();
    Matcher sent = Pattern.compile("sent 200 events to " + Pattern.quote(topic) + " in .* (\\d+) out-of-distribution, 0 labels").matcher(produce.out());
    assertThat(sent.find()).as(produce.out()).isTrue();
    int oodSent = Integer.parseInt(sent.group(1));
    assertThat(oodSent).isBetween(25, 75);

    List<InputEvent> events = parsed(topic, 200);
    List<InputEvent> in = events.stream().filter(e -> !e.id().startsWith("ood-")).toList();
    List<InputEvent> out = events.stream().filter(e -> e.id().startsWith("ood-")).toList();
    assertThat(out).hasSize(oodSent);
    for (int k = 0; k < in.size(); k++) {
      assertThat(in.get(k).features()).containsExactly(test.features()[k], within(1e-6f));
      assertThat(in.get(k).label()).hasValue(test.labels()[k]);
    }
    for (int k = 0; k < out.size(); k++) {
      assertThat(out.get(k).features()).containsExactly(ood.features()[k], within(1e-6f));
      assertThat(out.get(k).label()).isEmpty();
    }
  }

  @Test
  void sendsUnlabelledEventsAndTheirLabelsOnTheLabelsTopicWhenAsked() throws Exception {
    String topic = topic("late-labels");
    String labels = topic("labels");

    CliRun produce = CliRun.of("produce", "--data", TEST.toString(), "--events", "120", "--labels-topic", labels, "--label-delay", "PT0.1S",
        "--topic", topic, "--bootstrap-servers", cluster.bootstrapServers());

    assertThat(produce.code()).as(produce.err()).isZero();
    assertThat(produce.out()).contains("sent 120 events to " + topic).contains("0 out-of-distribution, 120 labels");
    List<InputEvent> events = parsed(topic, 120);
    assertThat(events).allSatisfy(event -> assertThat(event.label()).isEmpty());
    List<ConsumerRecord<String, byte[]>> late = read(labels, 120);
    assertThat(late).hasSize(120);
    for (int k = 0; k < late.size(); k++) {
      EventParser.Label label = PARSER.parseLabel(late.get(k).value());
      assertThat(label.id()).isEqualTo(events.get(k).id()).isEqualTo(late.get(k).key());
      assertThat(label.label()).isEqualTo(test.labels()[k]);
    }
  }

  @Test
  void writesBinaryEventsThatTheBinaryParserReadsBackExactly() throws Exception {
    String topic = topic("binary");

    CliRun produce = CliRun.of("produce", "--data", TEST.toString(), "--input-format", "binary", "--with-labels", "--events", "50",
        "--topic", topic, "--bootstrap-servers", cluster.bootstrapServers());

    assertThat(produce.code()).as(produce.err()).isZero();
    EventParser binary = new EventParser(8, 3, 1 << 20, EventParser.InputFormat.BINARY);
    List<ConsumerRecord<String, byte[]>> records = read(topic, 50);
    assertThat(records).hasSize(50);
    for (int k = 0; k < records.size(); k++) {
      InputEvent event = binary.parse(records.get(k).value(), records.get(k).timestamp());
      assertThat(event.id()).isEqualTo(records.get(k).key()).isEqualTo("e" + k);
      assertThat(event.features()).containsExactly(test.features()[k]);
      assertThat(event.label()).hasValue(test.labels()[k]);
    }
  }

  @Test
  void refusesAnInputFormatItCannotWrite() {
    CliRun produce = CliRun.of("produce", "--data", TEST.toString(), "--input-format", "oip", "--bootstrap-servers", "localhost:1");

    assertThat(produce.code()).isEqualTo(2);
    assertThat(produce.err()).isEqualTo("penultimate: --input-format must be json or binary, found 'oip'" + System.lineSeparator());
  }

  /** A fresh topic of one partition. */
  private static String topic(String name) throws Exception {
    String topic = "produce-" + name + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    return topic;
  }

  private static List<InputEvent> parsed(String topic, int expected) throws Exception {
    List<InputEvent> events = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : read(topic, expected)) {
      InputEvent event = PARSER.parse(record.value(), record.timestamp());
      assertThat(event.id()).isEqualTo(record.key());
      events.add(event);
    }
    assertThat(events).hasSize(expected);
    return events;
  }

  /** Every record of the topic, until {@code expected} have come and one more poll brings none. */
  private static List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
    }
    return records;
  }
}
