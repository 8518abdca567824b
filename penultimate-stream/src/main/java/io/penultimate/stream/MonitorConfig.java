package io.penultimate.stream;

import io.penultimate.bundle.ScoreName;
import io.penultimate.bundle.ScoreSelection;
import io.penultimate.stream.EventParser.InputFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything a monitor is configured with, as Micrometer configures a registry: settings are
 * named by keys (the {@code serve} flags without their dashes), every one has a documented
 * default, the typed accessors read them, and {@link #validate()} reports every invalid setting
 * at once, each by its flag. Keys starting with {@code kafka.} go to Kafka unchanged
 * ({@code kafka.linger.ms} sets {@code linger.ms}). Immutable.
 */
public final class MonitorConfig {
  /** The prefix of settings passed through to the Kafka clients. */
  public static final String KAFKA_PREFIX = "kafka.";

  /** Every setting, in the order the documentation lists them, with its default (null: none). */
  public static final List<Setting> SETTINGS = List.of(
      new Setting("application-id", "penultimate", "Kafka Streams application id"),
      new Setting("bootstrap-servers", "localhost:9092", "Kafka brokers"),
      new Setting("input-topic", "penultimate.events", "events to score"),
      new Setting("output-topic", "penultimate.scores", "scored events"),
      new Setting("dlq-topic", "penultimate.dlq", "events and labels that cannot be used, with the reason"),
      new Setting("labels-topic", "penultimate.labels", "late labels {\"id\", \"label\"}, co-partitioned with the input topic"),
      new Setting("outcomes-topic", "penultimate.outcomes", "labelled outcomes; any partition count, one quality task each"),
      new Setting("quality-topic", "penultimate.quality", "cluster-wide rolling AUROC, accuracy and ECE, merged from every outcomes partition; one partition"),
      new Setting("input-format", "json", "json, binary or oip (an Open Inference Protocol request; README, Event schemas)"),
      new Setting("oip-input", null, "with --input-format oip: the request input to score (default: the only one)"),
      new Setting("max-event-bytes", "1048576", "larger events go to the dead-letter topic"),
      new Setting("scores", "all",
          "scores each event carries and the rolling quality ranks: all, or keys separated by commas (softmax,gmm,vim); the three"
              + " answers always"),
      new Setting("node-encoder", "gmm", "encoder family ranking lowestNodes"),
      new Setting("lowest-nodes", "5", "how many least likely nodes each output lists"),
      new Setting("batch-size", "256", "events per forward pass at most"),
      new Setting("batch-linger", "PT0.02S", "longest wait before a partial batch is scored, ISO-8601"),
      new Setting("window", "10000", "labelled events in each outcomes partition's rolling window (the cluster-wide view merges them all)"),
      new Setting("label-retention", "PT24H", "how long a scored event waits for its label, ISO-8601"),
      new Setting("label-grace", "PT10S",
          "how long a label waits for its event (still batched, or not read yet) before it is dead-lettered, ISO-8601; counted in"
              + " the events' record time, so a task behind on its events keeps the labels"),
      new Setting("max-held-labels", "100000",
          "labels waiting for their event, per task, at most; beyond it the oldest is dead-lettered and counted as dropped"),
      new Setting("time-window", "PT1H", "span of the time-bounded quality window, ISO-8601"),
      new Setting("time-window-capacity", "100000", "most labelled events each outcomes partition's time window holds"),
      new Setting("quality-interval", "PT1S",
          "how often each outcomes partition publishes its windows' summaries, and so how often the merged rolling quality updates, ISO-8601"),
      new Setting("processing-guarantee", StreamsConfig.EXACTLY_ONCE_V2,
          "exactly_once_v2 (an input's outputs are committed together, read_committed readers see them at each commit) or"
              + " at_least_once (outputs visible at once; after a crash the inputs since the last commit are scored again)"),
      new Setting("rocksdb-memory-mb", "128",
          "native memory of every RocksDB state store of the process together, MB: one block cache, the memtables and the index"
              + " and filter blocks charged to it"),
      new Setting("state-dir", null,
          "Kafka Streams state directory (default: $PENULTIMATE_STATE_DIR, else $XDG_STATE_HOME/penultimate, else ~/.local/state/penultimate)"),
      new Setting("create-topics", "false", "create the missing topics instead of stopping; existing ones are checked, never altered"),
      new Setting("partitions", "6",
          "with --create-topics: partitions of the events, labels, scores, dead-letter and outcomes topics; quality gets 1,"
              + " and outcomes the count earlier quality windows were kept for, if any"),
      new Setting("replication-factor", null, "with --create-topics: replicas per partition (default: the brokers' default.replication.factor)"),
      new Setting("metrics-port", "9404", "port of /metrics and /health; 0 picks a free one"),
      new Setting("metrics-bind", null, "address /metrics and /health listen on, such as 127.0.0.1 (default: every interface)"),
      new Setting("metrics-user", null,
          "basic authentication for /metrics as this user, the password from --metrics-password-file or $PENULTIMATE_METRICS_PASSWORD; /health stays open"),
      new Setting("metrics-password-file", null, "file holding the /metrics password (its first line)"),
      new Setting("metrics-tls-keystore", null,
          "PKCS12 keystore: /metrics and /health over HTTPS, the keystore password from --metrics-tls-password-file or $PENULTIMATE_METRICS_TLS_PASSWORD"),
      new Setting("metrics-tls-password-file", null, "file holding the metrics TLS keystore password (its first line)"),
      new Setting("node-window", "1000", "scored events behind the per-node statistics and the OOD rate"),
      new Setting("node-metrics-cap", "64", "per-node series for at most this many nodes; layer aggregates use all"),
      new Setting("estimate-window", "10000",
          "scored events behind the label-free estimates: accuracy (mean confidence) and OOD share (Storey's estimator on the OOD p-values)"));

  private static final Map<String, Setting> BY_KEY = byKey();
  private static final String GLOBAL_HANDLER_ENABLED = "processing.exception.handler.global.enabled";

  /** Every setting at its default. */
  public static final MonitorConfig DEFAULT = new MonitorConfig(Map.of());

  /** One setting: its key (the flag without dashes), default and a one-line description. */
  public record Setting(String key, String defaultValue, String description) {
    public String flag() {
      return "--" + key;
    }
  }

  private final Map<String, String> values;

  private MonitorConfig(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** A configuration of these values; keys not given take their defaults. Not validated yet. */
  public static MonitorConfig of(Map<String, String> values) {
    return new MonitorConfig(values);
  }

  /** The default of a setting, or null when it has none (or the key is not a setting). */
  public static String defaultValue(String key) {
    Setting setting = BY_KEY.get(key);
    return setting == null ? null : setting.defaultValue();
  }

  public static boolean isSetting(String key) {
    return BY_KEY.containsKey(key) || key.startsWith(KAFKA_PREFIX);
  }

  /** The same configuration with one setting changed. */
  public MonitorConfig with(String key, String value) {
    Map<String, String> changed = new LinkedHashMap<>(values);
    changed.put(key, value);
    return new MonitorConfig(changed);
  }

  /** The same configuration reading and writing these topics. */
  public MonitorConfig with(Topics topics) {
    return with("input-topic", topics.events()).with("output-topic", topics.scores()).with("dlq-topic", topics.deadLetters())
        .with("labels-topic", topics.labels()).with("outcomes-topic", topics.outcomes()).with("quality-topic", topics.quality());
  }

  /**
   * @return this configuration
   * @throws IllegalArgumentException naming every invalid setting by its flag, separated by "; "
   */
  public MonitorConfig validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return this;
  }

  /** Every invalid setting, by its flag; empty when the configuration is valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    values.keySet().stream().filter(key -> !isSetting(key)).sorted().forEach(key -> problems.add("unknown setting --" + key));
    List<Supplier<?>> accessors = List.of(
        this::applicationId, this::bootstrapServers, this::topics, this::inputFormat, this::oipInput, this::maxEventBytes,
        this::scoreSelection, this::nodeEncoder, this::lowestNodes, this::batchSize, this::batchLinger, this::window, this::labelRetention,
        this::labelGrace, this::maxHeldLabels, this::timeWindow, this::timeWindowCapacity, this::qualityInterval, this::processingGuarantee, this::rocksDbMemoryBytes, this::stateDir, this::createTopics, this::partitions,
        this::replicationFactor, this::metricsPort, this::metricsBind, this::metricsUser, this::metricsPasswordFile, this::metricsTlsKeystore,
        this::metricsTlsPasswordFile, this::nodeWindow, this::nodeMetricsCap, this::estimateWindow);
    for (Supplier<?> accessor : accessors) {
      try {
        accessor.get();
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  public String applicationId() {
    return text("application-id");
  }

  public String bootstrapServers() {
    return text("bootstrap-servers");
  }

  /** @throws IllegalArgumentException when two roles share a topic */
  public Topics topics() {
    Topics topics = new Topics(text("input-topic"), text("output-topic"), text("dlq-topic"), text("labels-topic"),
        text("outcomes-topic"), text("quality-topic"));
    List<String> names = List.of(topics.events(), topics.scores(), topics.deadLetters(), topics.labels(), topics.outcomes(), topics.quality());
    if (names.stream().distinct().count() < names.size()) {
      throw new IllegalArgumentException("--input-topic, --output-topic, --dlq-topic, --labels-topic, --outcomes-topic and "
          + "--quality-topic must be six different topics, found " + String.join(", ", names));
    }
    return topics;
  }

  public InputFormat inputFormat() {
    return InputFormat.byKey(text("input-format")).orElseThrow(() -> invalid("input-format", "must be json, binary or oip"));
  }

  /** The Open Inference Protocol input to score; empty: requests must carry only one. */
  public Optional<String> oipInput() {
    String name = value("oip-input");
    return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  public int maxEventBytes() {
    return integer("max-event-bytes", 1);
  }

  public ScoreName nodeEncoder() {
    ScoreName score = score("node-encoder");
    if (!score.isEncoderLikelihood()) {
      throw invalid("node-encoder", "must be binomial, trinomial, beta, betaGeneral or gmm");
    }
    return score;
  }

  public ScoreSelection scoreSelection() {
    try {
      return ScoreSelection.parse(text("scores"));
    } catch (IllegalArgumentException e) {
      throw invalid("scores", "must be all or score keys separated by commas (" + e.getMessage() + ")");
    }
  }

  public int lowestNodes() {
    return integer("lowest-nodes", 0);
  }

  /** What each scored record carries beside the scores; the versions name the model and bundle files. */
  public ScoringSettings scoring(String modelVersion, String encoderVersion) {
    return new ScoringSettings(nodeEncoder(), lowestNodes(), modelVersion, encoderVersion);
  }

  public int batchSize() {
    return integer("batch-size", 1);
  }

  public Duration batchLinger() {
    return duration("batch-linger");
  }

  public BatchSettings batch() {
    return new BatchSettings(batchSize(), batchLinger());
  }

  public int window() {
    return integer("window", 1);
  }

  public Duration labelRetention() {
    return duration("label-retention");
  }

  public Duration labelGrace() {
    return duration("label-grace");
  }

  public Duration timeWindow() {
    return duration("time-window");
  }

  public int timeWindowCapacity() {
    return integer("time-window-capacity", 1);
  }

  public int maxHeldLabels() {
    return integer("max-held-labels", 1);
  }

  public LabelTiming labelTiming() {
    return new LabelTiming(labelRetention(), labelGrace(), maxHeldLabels());
  }

  public Duration qualityInterval() {
    return duration("quality-interval");
  }

  public QualityWindows qualityWindows() {
    return new QualityWindows(window(), timeWindow(), timeWindowCapacity(), qualityInterval());
  }

  /**
   * {@code exactly_once_v2} or {@code at_least_once}: {@code --processing-guarantee}, unless the
   * Kafka property {@code kafka.processing.guarantee} says otherwise, which wins as every Kafka setting does.
   */
  public String processingGuarantee() {
    String kafkaKey = KAFKA_PREFIX + StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    String key = values.containsKey(kafkaKey) ? kafkaKey : "processing-guarantee";
    String guarantee = key.equals(kafkaKey) ? values.get(kafkaKey) : text(key);
    if (!guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
      throw new IllegalArgumentException((key.equals(kafkaKey) ? kafkaKey : "--" + key) + " must be " + StreamsConfig.EXACTLY_ONCE_V2 + " or " + StreamsConfig.AT_LEAST_ONCE
          + ", found '" + guarantee + "'");
    }
    return guarantee;
  }

  public boolean exactlyOnce() {
    return processingGuarantee().equals(StreamsConfig.EXACTLY_ONCE_V2);
  }

  public long rocksDbMemoryBytes() {
    return integer("rocksdb-memory-mb", 8) * 1024L * 1024L;
  }

  public Path stateDir() {
    String dir = value("state-dir");
    return dir == null ? StateDirs.serveDefault() : Path.of(dir);
  }

  public boolean createTopics() {
    return switch (text("create-topics")) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid("create-topics", "must be true or false");
    };
  }

  public int partitions() {
    return integer("partitions", 1);
  }

  /** Empty: the brokers' default. */
  public Optional<Short> replicationFactor() {
    if (value("replication-factor") == null) {
      return Optional.empty();
    }
    int factor = integer("replication-factor", 1);
    if (factor > Short.MAX_VALUE) {
      throw invalid("replication-factor", "must be at most " + Short.MAX_VALUE);
    }
    return Optional.of((short) factor);
  }

  /** How to create the missing topics at start-up, or empty to only check them. */
  public Optional<TopicCheck.Creation> topicCreation() {
    return createTopics() ? Optional.of(new TopicCheck.Creation(partitions(), replicationFactor())) : Optional.empty();
  }

  public int metricsPort() {
    int port = integer("metrics-port", 0);
    if (port > 65535) {
      throw invalid("metrics-port", "must be a port, 0..65535");
    }
    return port;
  }

  /** Empty: every interface. */
  public Optional<String> metricsBind() {
    return optional("metrics-bind");
  }

  /** Empty: /metrics without authentication. */
  public Optional<String> metricsUser() {
    Optional<String> user = optional("metrics-user");
    if (user.filter(name -> name.contains(":")).isPresent()) {
      throw invalid("metrics-user", "must not contain ':' (basic authentication separates user and password by it)");
    }
    return user;
  }

  public Optional<Path> metricsPasswordFile() {
    return optional("metrics-password-file").map(Path::of);
  }

  /** Empty: plain HTTP. */
  public Optional<Path> metricsTlsKeystore() {
    return optional("metrics-tls-keystore").map(Path::of);
  }

  public Optional<Path> metricsTlsPasswordFile() {
    return optional("metrics-tls-password-file").map(Path::of);
  }

  public int nodeWindow() {
    return integer("node-window", 1);
  }

  public int nodeMetricsCap() {
    return integer("node-metrics-cap", 0);
  }

  /** How many of this instance's latest scored events the estimated accuracy and OOD share cover. */
  public int estimateWindow() {
    return integer("estimate-window", 1);
  }

  /**
   * The Kafka Streams properties, derived here and nowhere else: the application id and brokers,
   * the processing guarantee (by default exactly-once: the scored, outcome and quality records of
   * an input are committed together), the state directory and its stores' bounded memory, then every
   * {@code kafka.} setting, which wins.
   */
  public Properties streamsProperties() {
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee());
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
    properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
    properties.put(BoundedRocksDbMemory.TOTAL_BYTES, String.valueOf(rocksDbMemoryBytes()));
    // the default from Kafka 5.0 on, and 4.x warns until it is set (its constant is deprecated for
    // that reason, hence the literal); the topology has no global state anyway. Once more for the
    // main consumer: its partition assignor builds a StreamsConfig of the consumer's settings and warns too
    properties.put(GLOBAL_HANDLER_ENABLED, "true");
    properties.put(StreamsConfig.mainConsumerPrefix(GLOBAL_HANDLER_ENABLED), "true");
    values.forEach((key, value) -> {
      if (key.startsWith(KAFKA_PREFIX)) {
        properties.put(key.substring(KAFKA_PREFIX.length()), value);
      }
    });
    return properties;
  }

  private String value(String key) {
    if (!BY_KEY.containsKey(key)) {
      throw new IllegalStateException("not a setting: " + key);
    }
    return values.getOrDefault(key, BY_KEY.get(key).defaultValue());
  }

  private Optional<String> optional(String key) {
    String value = value(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private String text(String key) {
    String value = value(key);
    if (value == null || value.isBlank()) {
      throw invalid(key, "must not be empty");
    }
    return value;
  }

  private int integer(String key, int min) {
    int value;
    try {
      value = Integer.parseInt(text(key).trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "must be a whole number");
    }
    if (value < min) {
      throw invalid(key, "must be at least " + min);
    }
    return value;
  }

  private Duration duration(String key) {
    Duration value;
    try {
      value = Duration.parse(text(key).trim());
    } catch (DateTimeParseException e) {
      throw invalid(key, "must be an ISO-8601 duration such as PT10S");
    }
    if (value.isNegative() || value.isZero()) {
      throw invalid(key, "must be positive");
    }
    return value;
  }

  private ScoreName score(String key) {
    try {
      return ScoreName.byKey(text(key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + key + ": " + e.getMessage(), e);
    }
  }

  private IllegalArgumentException invalid(String key, String rule) {
    return new IllegalArgumentException("--" + key + " " + rule + ", found '" + value(key) + "'");
  }

  private static Map<String, Setting> byKey() {
    Map<String, Setting> byKey = new LinkedHashMap<>();
    SETTINGS.forEach(setting -> byKey.put(setting.key(), setting));
    return Map.copyOf(byKey);
  }
}
