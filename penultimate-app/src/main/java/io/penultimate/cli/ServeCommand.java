package io.penultimate.cli;

import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.BatchSettings;
import io.penultimate.stream.EventParser;
import io.penultimate.stream.MonitorApp;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.QualitySettings;
import io.penultimate.stream.ScoringSettings;
import io.penultimate.stream.StateDirs;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Score every event of the input topic in Kafka Streams; unscorable events go to the dead-letter topic.")
final class ServeCommand implements Callable<Integer> {
  /** System properties with this prefix are passed to Kafka: -Dkafka.linger.ms=5 sets linger.ms. */
  static final String KAFKA_PROPERTY_PREFIX = "kafka.";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file from 'penultimate train'.")
  Path model;

  @Option(names = "--encoders", required = true, paramLabel = "FILE", description = "Encoder bundle from 'penultimate fit'.")
  Path encoders;

  @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092", paramLabel = "HOST:PORT", description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(names = "--application-id", defaultValue = "penultimate", description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--input-topic", defaultValue = "penultimate.events", description = "(default: ${DEFAULT-VALUE})")
  String inputTopic;

  @Option(names = "--output-topic", defaultValue = "penultimate.scores", description = "(default: ${DEFAULT-VALUE})")
  String outputTopic;

  @Option(names = "--dlq-topic", defaultValue = "penultimate.dlq", description = "(default: ${DEFAULT-VALUE})")
  String deadLetterTopic;

  @Option(names = "--labels-topic", defaultValue = "penultimate.labels", description = "Late labels {\"id\", \"label\"}, co-partitioned with the input topic (default: ${DEFAULT-VALUE}).")
  String labelsTopic;

  @Option(names = "--outcomes-topic", defaultValue = "penultimate.outcomes", description = "Labelled outcomes; needs one partition (default: ${DEFAULT-VALUE}).")
  String outcomesTopic;

  @Option(names = "--quality-topic", defaultValue = "penultimate.quality", description = "Rolling AUROC and accuracy after each labelled event (default: ${DEFAULT-VALUE}).")
  String qualityTopic;

  @Option(names = "--window", defaultValue = "10000", description = "Labelled events in the rolling window (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--label-retention", defaultValue = "PT24H", description = "How long a scored event waits for its label, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration labelRetention;

  @Option(names = "--label-grace", defaultValue = "PT10S",
      description = "How long a label waits for its event (still batched, or not read yet) before it is dead-lettered, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration labelGrace;

  @Option(names = "--time-window", defaultValue = "PT1H", description = "Span of the time-bounded quality window, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeWindow;

  @Option(names = "--time-window-capacity", defaultValue = "100000", description = "Most labelled events the time window holds (default: ${DEFAULT-VALUE}).")
  int timeWindowCapacity;

  @Option(names = "--kafka-config", paramLabel = "FILE", description = "Properties file passed to Kafka Streams (TLS, SASL, tuning).")
  Path kafkaConfig;

  @Option(names = "--ood-score", defaultValue = "primary", description = "Score whose threshold sets the ood flag (default: ${DEFAULT-VALUE}).")
  String oodScore;

  @Option(names = "--node-encoder", defaultValue = "gmm", description = "Encoder family ranking lowestNodes (default: ${DEFAULT-VALUE}).")
  String nodeEncoder;

  @Option(names = "--lowest-nodes", defaultValue = "5", description = "How many least likely nodes each output lists (default: ${DEFAULT-VALUE}).")
  int lowestNodes;

  @Option(names = "--max-event-bytes", defaultValue = "1048576", description = "Larger events go to the dead-letter topic (default: ${DEFAULT-VALUE}).")
  int maxEventBytes;

  @Option(names = "--batch-size", defaultValue = "256", description = "Events per forward pass at most (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--batch-linger", defaultValue = "PT0.05S", description = "Longest wait before a partial batch is scored, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration batchLinger;

  @Option(names = "--input-format", defaultValue = "json", description = "json or binary (see README, Event schemas) (default: ${DEFAULT-VALUE}).")
  String inputFormat;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Kafka Streams state directory (default: $PENULTIMATE_STATE_DIR, else $XDG_STATE_HOME/penultimate, else ~/.local/state/penultimate).")
  Path stateDir;

  @Option(names = "--create-topics", description = "Create the missing topics instead of stopping; existing ones are checked, never altered.")
  boolean createTopics;

  @Option(names = "--partitions", defaultValue = "6",
      description = "With --create-topics: partitions of the events, labels, scores and dead-letter topics; outcomes and quality get 1 (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--replication-factor", paramLabel = "N", description = "With --create-topics: replicas per partition (default: the brokers' default.replication.factor).")
  Short replicationFactor;

  @Option(names = "--metrics-port", defaultValue = "9404", description = "Port of /metrics and /health; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--node-window", defaultValue = "1000", description = "Scored events behind the per-node statistics and the OOD rate (default: ${DEFAULT-VALUE}).")
  int nodeWindow;

  @Option(names = "--node-metrics-cap", defaultValue = "64", description = "Per-node series for at most this many nodes; layer aggregates use all (default: ${DEFAULT-VALUE}).")
  int nodeMetricsCap;

  @Override
  public Integer call() throws Exception {
    MonitorConfig config = config();
    RunningMonitor.MetricsSettings metrics = metricsSettings();
    Optional<TopicCheck.Creation> creation = TopicsAtStartup.creation(createTopics, partitions, replicationFactor);
    Properties properties = streamsProperties();
    TopicsAtStartup.prepare(properties, config.topics(), creation, spec.commandLine().getErr());
    CountDownLatch stopped = new CountDownLatch(1);
    try (RunningMonitor monitor =
        RunningMonitor.start(model, encoders, config, metrics, properties, (now, before) -> {
          spec.commandLine().getErr().println("penultimate: streams " + before + " -> " + now);
          if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
            stopped.countDown();
          }
        })) {
      spec.commandLine().getErr().println("penultimate: metrics on http://localhost:" + monitor.metricsPort() + "/metrics");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        monitor.close();
        stopped.countDown();
      }, "penultimate-shutdown"));
      stopped.await();
      return monitor.streams().state() == KafkaStreams.State.ERROR ? ExitCodes.FAILURE : ExitCodes.OK;
    }
  }

  private RunningMonitor.MetricsSettings metricsSettings() {
    if (metricsPort < 0 || metricsPort > 65535 || nodeWindow < 1 || nodeMetricsCap < 0) {
      throw new UsageException("--metrics-port must be 0..65535, --node-window >= 1 and --node-metrics-cap >= 0; found "
          + metricsPort + ", " + nodeWindow + ", " + nodeMetricsCap);
    }
    return new RunningMonitor.MetricsSettings(metricsPort, nodeWindow, nodeMetricsCap);
  }

  /** Every flag checked before any file is read; versions are filled in from the files. */
  private MonitorConfig config() {
    ScoreName ood = scoreFlag("--ood-score", oodScore);
    ScoreName nodes = scoreFlag("--node-encoder", nodeEncoder);
    if (!nodes.isEncoderLikelihood() || lowestNodes < 0 || maxEventBytes < 1) {
      throw new UsageException(
          "--node-encoder must be binomial, trinomial, beta, betaGeneral or gmm, --lowest-nodes >= 0 and --max-event-bytes >= 1; found "
              + nodeEncoder + ", " + lowestNodes + ", " + maxEventBytes);
    }
    EventParser.InputFormat format = switch (inputFormat) {
      case "json" -> EventParser.InputFormat.JSON;
      case "binary" -> EventParser.InputFormat.BINARY;
      default -> throw new UsageException("--input-format must be json or binary, found '" + inputFormat + "'");
    };
    try {
      return new MonitorConfig(
          new Topics(inputTopic, outputTopic, deadLetterTopic, labelsTopic, outcomesTopic, qualityTopic),
          format,
          maxEventBytes,
          new ScoringSettings(ood, nodes, lowestNodes, "unknown", "unknown"),
          new BatchSettings(batchSize, batchLinger),
          new QualitySettings(window, labelRetention, labelGrace, timeWindow, timeWindowCapacity));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--window, --label-retention, --time-window, --time-window-capacity, --batch-size, --batch-linger: " + e.getMessage());
    }
  }

  private Properties streamsProperties() throws IOException {
    Properties overrides = new Properties();
    overrides.put(StreamsConfig.STATE_DIR_CONFIG, (stateDir != null ? stateDir : StateDirs.serveDefault()).toString());
    overrides.putAll(userProperties());
    return MonitorApp.streamsProperties(applicationId, bootstrapServers, overrides);
  }

  private static ScoreName scoreFlag(String flag, String value) {
    try {
      return ScoreName.byKey(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  private Properties userProperties() throws IOException {
    Properties properties = new Properties();
    if (kafkaConfig != null) {
      try (InputStream in = Files.newInputStream(kafkaConfig)) {
        properties.load(in);
      }
    }
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(KAFKA_PROPERTY_PREFIX))
        .forEach(name -> properties.put(name.substring(KAFKA_PROPERTY_PREFIX.length()), System.getProperty(name)));
    return properties;
  }
}
