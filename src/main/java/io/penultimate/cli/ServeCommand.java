package io.penultimate.cli;

import io.penultimate.bundle.BundleCompatibility;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.ScoreName;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.stream.Inference;
import io.penultimate.stream.MonitorApp;
import io.penultimate.stream.QualitySettings;
import io.penultimate.stream.ScoringSettings;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
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
  java.time.Duration labelRetention;

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

  @Override
  public Integer call() throws Exception {
    ScoreName ood = scoreFlag("--ood-score", oodScore);
    ScoreName nodes = scoreFlag("--node-encoder", nodeEncoder);
    QualitySettings quality;
    try {
      quality = new QualitySettings(window, labelRetention);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--window / --label-retention: " + e.getMessage());
    }
    if (!nodes.isEncoderLikelihood() || lowestNodes < 0 || maxEventBytes < 1) {
      throw new UsageException(
          "--node-encoder must be binomial, trinomial, beta, betaGeneral or gmm, --lowest-nodes >= 0 and --max-event-bytes >= 1; found "
              + nodeEncoder + ", " + lowestNodes + ", " + maxEventBytes);
    }
    ModelFile.Loaded loaded = ModelFile.read(model);
    EncoderBundle bundle = BundleJson.read(encoders);
    BundleCompatibility.check(bundle, loaded.sha256(), loaded.metadata().hiddenWidth(), loaded.metadata().classNames().size());
    ScoringSettings settings =
        new ScoringSettings(ood, nodes, lowestNodes, loaded.sha256().substring(0, 12), ModelFile.sha256(encoders).substring(0, 12));
    Properties properties = MonitorApp.streamsProperties(applicationId, bootstrapServers, userProperties());
    KafkaStreams streams =
        MonitorApp.create(
            new Topics(inputTopic, outputTopic, deadLetterTopic, labelsTopic, outcomesTopic, qualityTopic),
            bundle,
            loaded.metadata().inputSize(),
            maxEventBytes,
            settings,
            quality,
            () -> networkPerTask(model),
            properties);
    CountDownLatch stopped = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      spec.commandLine().getErr().println("penultimate: streams " + before + " -> " + now);
      if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
        stopped.countDown();
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(Duration.ofSeconds(30));
      stopped.countDown();
    }, "penultimate-shutdown"));
    streams.start();
    stopped.await();
    return streams.state() == KafkaStreams.State.ERROR ? ExitCodes.FAILURE : ExitCodes.OK;
  }

  private static ScoreName scoreFlag(String flag, String value) {
    try {
      return ScoreName.byKey(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(flag + ": " + e.getMessage());
    }
  }

  /** Each stream task loads its own copy of the network: DL4J networks are not thread-safe. */
  private static Inference networkPerTask(Path model) {
    try {
      return HiddenProbe.of(ModelFile.read(model).network(), null)::probe;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
