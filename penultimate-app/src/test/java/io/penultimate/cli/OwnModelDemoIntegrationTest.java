package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.stream.SingleBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --model --encoders --data} on the ONNX MLP fixture and its CSV data (written by
 * examples/pytorch/make_fixtures.py), against a real single-node KRaft broker in this JVM: the demo
 * replays the user's rows, mixed with the OOD file's when given, and every event comes out of the
 * scores topic once, scored by that model.
 */
@Tag("integration")
class OwnModelDemoIntegrationTest {
  private static final Path MLP = OnnxEndToEndTest.MLP;
  private static final Path TEST = Path.of(OnnxEndToEndTest.FIXTURES + "mlp-test.csv");
  private static final Path OOD = Path.of(OnnxEndToEndTest.FIXTURES + "mlp-ood.csv");
  /** DemoRun's unlabelled warm-up, scored before the measured replay and written to the same topic. */
  private static final int WARM_UP = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static KafkaClusterTestKit cluster;
  private static Path bundle;

  @BeforeAll
  static void startBrokerAndFit() throws Exception {
    cluster = SingleBroker.start();
    bundle = dir.resolve("encoders.json");
    CliRun fit = CliRun.of("fit", "--model", MLP.toString(), "--train", OnnxEndToEndTest.FIXTURES + "mlp-train.csv", "--out", bundle.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    cluster.close();
  }

  @Test
  void scoresEveryEventOfTheUsersDataAndOodFileOnceWithTheUsersModel() throws Exception {
    CliRun demo = demo("--ood", OOD.toString(), "--events", "300");

    assertThat(demo.code()).as(demo.err()).isZero();
    Matcher summary = Pattern.compile("penultimate demo: 300 events \\((\\d+) out-of-distribution mlp-ood.csv\\), (\\d+) labelled late")
        .matcher(demo.out());
    assertThat(summary.find()).as(demo.out()).isTrue();
    int ood = Integer.parseInt(summary.group(1));
    // a 0.2 share by default, drawn per event with a seeded coin
    assertThat(ood).isBetween(30, 90);
    assertThat(Integer.parseInt(summary.group(2))).isEqualTo(300 - ood);
    assertThat(demo.out()).contains("ood flag     ").contains("of mlp-ood.csv events flagged").contains("of mlp-test.csv events")
        .containsPattern("OOD share  \\d+\\.\\d% estimated \\(Storey, lambda = 0.5\\) vs \\d+\\.\\d% true");

    List<JsonNode> scored = scoredEvents(demo);
    Set<String> ids = new HashSet<>();
    for (JsonNode event : scored) {
      assertThat(ids.add(event.get("id").asText())).as("duplicate " + event.get("id")).isTrue();
      assertThat(event.get("modelVersion").asText()).isEqualTo(OnnxEndToEndTest.sha256(MLP).substring(0, 12));
      assertThat(event.get("predictedClass").asText()).isIn("0", "1", "2");
    }
    assertThat(ids).hasSize(300);
    assertThat(ids.stream().filter(id -> id.startsWith("ood-"))).hasSize(ood);
  }

  @Test
  void replaysOnlyTheUsersDataWhenThereIsNoOodFile() throws Exception {
    CliRun demo = demo("--events", "100");

    assertThat(demo.code()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("penultimate demo: 100 events (no out-of-distribution events), 100 labelled late")
        .containsPattern("ood flag     oodPValue < alpha = [0-9.]+: \\d+\\.\\d% of mlp-test.csv events flagged\n")
        .containsPattern("OOD share  \\d+\\.\\d% estimated \\(Storey, lambda = 0.5\\) vs 0.0% true");
    List<JsonNode> scored = scoredEvents(demo);
    assertThat(scored).hasSize(100).noneMatch(event -> event.get("id").asText().startsWith("ood-"));
  }

  private static CliRun demo(String... more) {
    List<String> args = new ArrayList<>(List.of("demo", "--model", MLP.toString(), "--encoders", bundle.toString(),
        "--data", TEST.toString(), "--rate", "0", "--label-delay", "PT0.2S", "--bootstrap-servers", cluster.bootstrapServers(),
        "--work-dir", dir.resolve("runs").toString(), "--metrics-port", "0"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The measured events on the run's scores topic (named in the demo's log), warm-up aside; read_committed, to the end. */
  private static List<JsonNode> scoredEvents(CliRun demo) throws Exception {
    Matcher run = Pattern.compile("topics (demo-\\d+)\\.\\*").matcher(demo.err());
    assertThat(run.find()).as(demo.err()).isTrue();
    String topic = run.group(1) + ".scores";
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int quiet = 0;
      // every record was committed before the demo returned: read until two polls in a row bring nothing
      while (System.nanoTime() < deadline && quiet < 2) {
        int before = records.size();
        consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        quiet = records.size() == before && !records.isEmpty() ? quiet + 1 : 0;
      }
    }
    assertThat(records.stream().filter(r -> r.key().startsWith("warm-up-"))).hasSize(WARM_UP);
    List<JsonNode> measured = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      if (!record.key().startsWith("warm-up-")) {
        measured.add(JSON.readTree(record.value()));
      }
    }
    assertThat(Files.exists(dir.resolve("runs").resolve("state").resolve(run.group(1)))).as("the run's state is deleted").isFalse();
    return measured;
  }
}
