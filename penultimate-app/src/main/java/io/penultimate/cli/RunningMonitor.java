package io.penultimate.cli;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.bundle.BundleCompatibility;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.metrics.LayerMetrics;
import io.penultimate.metrics.MetricsServer;
import io.penultimate.metrics.MonitorMetrics;
import io.penultimate.metrics.ProcessMetrics;
import io.penultimate.model.Inference;
import io.penultimate.stream.MonitorApp;
import io.penultimate.stream.MonitorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A started monitor: the Kafka Streams client scoring with a model and its bundle, its meters, and
 * the HTTP endpoint serving them. What {@code serve} runs until stopped and {@code demo} runs
 * beside its broker.
 */
final class RunningMonitor implements AutoCloseable {
  /** How metrics are exported: port (0 picks a free one), node window and per-node series cap. */
  record MetricsSettings(int port, int nodeWindow, int nodeCap) {}

  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics kafkaMetrics;
  private final MetricsServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RunningMonitor(
      KafkaStreams streams, PrometheusMeterRegistry registry, KafkaStreamsMetrics kafkaMetrics, MetricsServer server) {
    this.streams = streams;
    this.registry = registry;
    this.kafkaMetrics = kafkaMetrics;
    this.server = server;
  }

  /**
   * Loads and cross-checks model and bundle (a mismatch throws IllegalArgumentException saying
   * what differs and how to fix it), builds the client and starts it with the metrics endpoint.
   *
   * @param config the topology settings; the versions are set from the files' hashes
   */
  static RunningMonitor start(
      Path model,
      Path encoders,
      MonitorConfig config,
      MetricsSettings metricsSettings,
      Properties streamsProperties,
      KafkaStreams.StateListener listener)
      throws IOException {
    ModelFile.Loaded loaded = ModelFile.read(model);
    EncoderBundle bundle = BundleJson.read(encoders);
    String hiddenLayer = bundle.provenance().hiddenLayer();
    HiddenProbe probe = HiddenProbe.of(loaded.network(), hiddenLayer);
    BundleCompatibility.check(bundle, loaded.sha256(), probe.layer(), probe.width(), loaded.metadata().classNames().size());
    MonitorConfig monitorConfig =
        config.withVersions(loaded.sha256().substring(0, 12), ModelFile.sha256(encoders).substring(0, 12));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    String application = streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    registry.config().commonTags("application", application);
    LayerMetrics layer = new LayerMetrics(registry, bundle.nodes(), metricsSettings.nodeWindow(), metricsSettings.nodeCap());
    MonitorMetrics metrics = new MonitorMetrics(registry, application, new ConfidenceScorer(bundle), layer);
    KafkaStreams streams =
        MonitorApp.create(monitorConfig, bundle, loaded.metadata().inputSize(), () -> networkPerTask(model, hiddenLayer), metrics, streamsProperties);
    streams.setStateListener(listener);
    KafkaStreamsMetrics kafkaMetrics = ProcessMetrics.bind(registry, streams);
    MetricsServer server = new MetricsServer(metricsSettings.port(), registry, streams::state);
    streams.start();
    return new RunningMonitor(streams, registry, kafkaMetrics, server);
  }

  /**
   * Each stream task loads its own copy of the network: DL4J networks are not thread-safe. It reads
   * the layer the bundle was fitted on.
   */
  private static Inference networkPerTask(Path model, String hiddenLayer) {
    try {
      return HiddenProbe.of(ModelFile.read(model).network(), hiddenLayer)::probe;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  KafkaStreams streams() {
    return streams;
  }

  int metricsPort() {
    return server.port();
  }

  /** Stops gracefully, once (a shutdown hook and the caller may both ask). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    streams.close(Duration.ofSeconds(30));
    kafkaMetrics.close();
    server.close();
    registry.close();
  }
}
