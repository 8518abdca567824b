package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.stream.SingleBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * serve with the ONNX MLP fixture against a real single-node KRaft broker in this JVM: the bundle
 * comes from {@code fit} on the model, every event is scored once naming the model's hash, and an
 * interrupt stops the monitor, which closes the ONNX Runtime session after its streams.
 */
@Tag("integration")
class OnnxServeIntegrationTest {
  private static final int EVENTS = 60;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static KafkaClusterTestKit cluster;
  private static Path bundle;

  @BeforeAll
  static void startBrokerAndFit() throws Exception {
    cluster = SingleBroker.start();
    bundle = OnnxEndToEndTest.fittedBundle(dir);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @Test
  void serveScoresEveryEventWithTheOnnxModelAndStopsWhenInterrupted() throws Exception {
    StringWriter err = new StringWriter();
    Thread serving = new Thread(() -> serve(err), "serve-under-test");
    serving.start();
    List<ConsumerRecord<String, String>> scored;
    try {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!err.toString().contains("metrics on http") && serving.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(err.toString()).contains("metrics on http");
      produce("onnx.events");
      scored = consume("onnx.scores", EVENTS);
    } finally {
      serving.interrupt();
      serving.join(Duration.ofSeconds(60).toMillis());
    }

    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, String> record : scored) {
      assertThat(ids.add(record.key())).as("duplicate " + record.key()).isTrue();
      var value = JSON.readTree(record.value());
      assertThat(value.get("modelVersion").asText()).isEqualTo(OnnxEndToEndTest.sha256(OnnxEndToEndTest.MLP).substring(0, 12));
      assertThat(value.get("confidence").asDouble()).isBetween(0.0, 1.0);
    }
    assertThat(ids).hasSize(EVENTS);
    // an interrupt ends serve's wait (exit 1, as for serve's other tests) and closes the monitor, streams first
    assertThat(serving.isAlive()).isFalse();
    assertThat(err.toString()).contains("PENDING_SHUTDOWN -> NOT_RUNNING");
  }

  private static int serve(StringWriter err) {
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    String prefix = "onnx";
    return cli.execute("serve", "--model", OnnxEndToEndTest.MLP.toString(), "--encoders", bundle.toString(),
        "--bootstrap-servers", cluster.bootstrapServers(), "--metrics-port", "0", "--create-topics", "--partitions", "2",
        "--replication-factor", "1", "--state-dir", dir.resolve("state").toString(),
        "--input-topic", prefix + ".events", "--output-topic", prefix + ".scores", "--dlq-topic", prefix + ".dlq",
        "--labels-topic", prefix + ".labels", "--outcomes-topic", prefix + ".outcomes", "--quality-topic", prefix + ".quality");
  }

  /** Events of 8 features ~ N(0, 1.5), as the monitor's JSON schema has them. */
  private static void produce(String topic) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    Random random = new Random(5);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < EVENTS; i++) {
        StringBuilder json = new StringBuilder("{\"id\":\"e").append(i).append("\",\"features\":[");
        for (int j = 0; j < 8; j++) {
          json.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", 1.5 * random.nextGaussian()));
        }
        producer.send(new ProducerRecord<>(topic, "e" + i, json.append("]}").toString()));
      }
    }
  }

  private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
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
      consumer.poll(Duration.ofSeconds(1)).forEach(out::add);
    }
    return out;
  }
}
