package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.bundle.ScoreName;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

  @Test
  void usesTheDocumentedDefaultsForEverySettingNotGiven() {
    MonitorConfig config = MonitorConfig.DEFAULT.validate();
    assertThat(config.topics()).isEqualTo(Topics.withPrefix("penultimate"));
    assertThat(config.batch()).isEqualTo(new BatchSettings(256, Duration.ofMillis(20)));
    assertThat(config.labelTiming()).isEqualTo(new LabelTiming(Duration.ofHours(24), Duration.ofSeconds(10), 100_000));
    assertThat(config.qualityWindows()).isEqualTo(new QualityWindows(10_000, Duration.ofHours(1), 100_000, Duration.ofSeconds(1)));
    assertThat(config.scoring("m", "b")).isEqualTo(new ScoringSettings(ScoreName.GMM, 5, "m", "b"));
    assertThat(config.inputFormat()).isEqualTo(EventParser.InputFormat.JSON);
    assertThat(config.maxEventBytes()).isEqualTo(1 << 20);
    assertThat(config.metricsPort()).isEqualTo(9404);
    assertThat(config.estimateWindow()).isEqualTo(10_000);
    assertThat(config.stateDir()).isEqualTo(StateDirs.serveDefault());
    assertThat(config.topicCreation()).isEmpty();
    for (MonitorConfig.Setting setting : MonitorConfig.SETTINGS) {
      assertThat(MonitorConfig.defaultValue(setting.key())).as(setting.key()).isEqualTo(setting.defaultValue());
    }
  }

  @Test
  void reportsEveryInvalidSettingAtOnceEachByItsFlag() {
    MonitorConfig config = MonitorConfig.of(
        Map.of("batch-size", "0", "window", "many", "label-grace", "PT0S", "input-format", "xml", "estimate-window", "0",
            "max-held-labels", "0"));
    assertThat(config.problems()).containsExactlyInAnyOrder(
        "--batch-size must be at least 1, found '0'",
        "--max-held-labels must be at least 1, found '0'",
        "--estimate-window must be at least 1, found '0'",
        "--window must be a whole number, found 'many'",
        "--label-grace must be positive, found 'PT0S'",
        "--input-format must be json, binary or oip, found 'xml'");
    assertThatThrownBy(config::validate)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--batch-size").hasMessageContaining("--window").hasMessageContaining("--label-grace")
        .hasMessageNotContaining("--time-window ");
  }

  @Test
  void readsTheOipInputFormatAndTheInputToScore() {
    MonitorConfig config = MonitorConfig.DEFAULT.with("input-format", "oip").with("oip-input", "pixels").validate();
    assertThat(config.inputFormat()).isEqualTo(EventParser.InputFormat.OIP);
    assertThat(config.oipInput()).contains("pixels");
    assertThat(MonitorConfig.DEFAULT.oipInput()).as("the only input").isEmpty();
    assertThat(MonitorConfig.DEFAULT.with("oip-input", "").oipInput()).isEmpty();
  }

  @Test
  void namesAnUnknownSettingAndAScoreThatIsNotAnEncoder() {
    MonitorConfig config = MonitorConfig.of(Map.of("batch-sise", "10", "node-encoder", "softmax", "batch-size", "bogus"));
    assertThat(config.problems()).hasSize(3);
    assertThat(config.problems().get(0)).isEqualTo("unknown setting --batch-sise");
    assertThat(config.problems()).anyMatch(p -> p.startsWith("--node-encoder must be binomial, trinomial, beta, betaGeneral or gmm"));
    assertThat(config.problems()).anyMatch(p -> p.startsWith("--batch-size"));
  }

  @Test
  void refusesOneTopicInTwoRoles() {
    MonitorConfig config = MonitorConfig.DEFAULT.with("labels-topic", "penultimate.events");
    assertThat(config.problems()).singleElement().asString().contains("six different topics");
  }

  @Test
  void derivesStreamsPropertiesAndLetKafkaSettingsWin() {
    Properties properties = MonitorConfig.DEFAULT
        .with("application-id", "app").with("bootstrap-servers", "b:1").with("state-dir", "/var/lib/x")
        .with("kafka.linger.ms", "5").with("kafka.processing.guarantee", StreamsConfig.AT_LEAST_ONCE)
        .validate().streamsProperties();
    assertThat(properties).containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "app")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "b:1")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/x")
        .containsEntry("linger.ms", "5")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    assertThat(MonitorConfig.DEFAULT.streamsProperties())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, StateDirs.serveDefault().toString());
  }

  @Test
  void boundsTheStateStoresNativeMemoryUnlessKafkaSettingsReplaceTheSetter() {
    assertThat(MonitorConfig.DEFAULT.streamsProperties())
        .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class)
        .containsEntry(BoundedRocksDbMemory.TOTAL_BYTES, String.valueOf(128L << 20));
    assertThat(MonitorConfig.DEFAULT.with("rocksdb-memory-mb", "512").streamsProperties())
        .containsEntry(BoundedRocksDbMemory.TOTAL_BYTES, String.valueOf(512L << 20));
    assertThat(MonitorConfig.DEFAULT.with("kafka.rocksdb.config.setter", "com.example.Mine").streamsProperties())
        .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, "com.example.Mine");
    assertThat(MonitorConfig.DEFAULT.with("rocksdb-memory-mb", "4").problems())
        .containsExactly("--rocksdb-memory-mb must be at least 8, found '4'");
  }

  @Test
  void takesTheProcessingGuaranteeFromItsFlagUnlessTheKafkaPropertySaysOtherwise() {
    assertThat(MonitorConfig.DEFAULT.with("processing-guarantee", "at_least_once").streamsProperties())
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    assertThat(MonitorConfig.DEFAULT.with("processing-guarantee", "at_least_once").exactlyOnce()).isFalse();
    assertThat(MonitorConfig.DEFAULT.with("processing-guarantee", "at_least_once").with("kafka.processing.guarantee", "exactly_once_v2")
        .exactlyOnce()).isTrue();
    assertThat(MonitorConfig.DEFAULT.with("processing-guarantee", "exactly_once").problems())
        .containsExactly("--processing-guarantee must be exactly_once_v2 or at_least_once, found 'exactly_once'");
    assertThat(MonitorConfig.DEFAULT.with("kafka.processing.guarantee", "maybe").problems())
        .containsExactly("kafka.processing.guarantee must be exactly_once_v2 or at_least_once, found 'maybe'");
  }

  @Test
  void createsTopicsOnlyWhenAskedWithTheGivenPartitionsAndReplication() {
    assertThat(MonitorConfig.DEFAULT.with("create-topics", "true").with("partitions", "3").with("replication-factor", "2").topicCreation())
        .contains(new TopicCheck.Creation(3, java.util.Optional.of((short) 2)));
    assertThat(MonitorConfig.DEFAULT.with("create-topics", "true").topicCreation())
        .contains(new TopicCheck.Creation(6, java.util.Optional.empty()));
    assertThat(MonitorConfig.DEFAULT.with("partitions", "0").with("create-topics", "maybe").problems()).containsExactly(
        "--create-topics must be true or false, found 'maybe'", "--partitions must be at least 1, found '0'");
  }
}
