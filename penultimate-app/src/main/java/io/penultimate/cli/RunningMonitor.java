package io.penultimate.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.metrics.MetricsEndpoint;
import io.penultimate.metrics.MetricsServer;
import io.penultimate.metrics.ProcessMetrics;
import io.penultimate.stream.MonitorConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * A started monitor: the Kafka Streams client, its meters, the HTTP endpoint serving them, and the
 * wiring whose model the client runs, which it closes last. What {@code serve} runs until stopped
 * and {@code demo} runs beside its broker.
 */
final class RunningMonitor implements AutoCloseable {
  private final MonitorWiring wiring;
  private final KafkaStreams streams;
  private final PrometheusMeterRegistry registry;
  private final KafkaStreamsMetrics kafkaMetrics;
  private final MetricsServer server;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicReference<Throwable> fatal;

  private RunningMonitor(MonitorWiring wiring,
      KafkaStreams streams, PrometheusMeterRegistry registry, KafkaStreamsMetrics kafkaMetrics, MetricsServer server,
      AtomicReference<Throwable> fatal) {
    this.wiring = wiring;
    this.streams = streams;
    this.registry = registry;
    this.kafkaMetrics = kafkaMetrics;
    this.server = server;
    this.fatal = fatal;
  }

  /**
   * Builds the client from the wiring and a validated configuration, and starts it with the
   * endpoint. The monitor owns the wiring from here on: it closes it, also when starting fails.
   */
  static RunningMonitor start(MonitorWiring wiring, MonitorConfig config, KafkaStreams.StateListener listener) throws IOException {
    return start(wiring, config, MetricsEndpoint.open(config.metricsPort()), listener);
  }

  /** As {@link #start(MonitorWiring, MonitorConfig, KafkaStreams.StateListener)}, serving the meters as {@code endpoint} says. */
  static RunningMonitor start(MonitorWiring wiring, MonitorConfig config, MetricsEndpoint endpoint, KafkaStreams.StateListener listener)
      throws IOException {
    try {
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      registry.config().commonTags("application", config.applicationId());
      KafkaStreams streams = wiring.streams(config, registry);
      streams.setStateListener(listener);
      // kept, so that serve can say why the client stopped (a missing ACL, say) instead of only that it did
      AtomicReference<Throwable> fatal = new AtomicReference<>();
      streams.setUncaughtExceptionHandler(failure -> {
        fatal.compareAndSet(null, failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      KafkaStreamsMetrics kafkaMetrics = ProcessMetrics.bind(registry, streams);
      MetricsServer server = new MetricsServer(endpoint, registry, streams::state);
      streams.start();
      return new RunningMonitor(wiring, streams, registry, kafkaMetrics, server, fatal);
    } catch (IOException | RuntimeException e) {
      wiring.close();
      throw e;
    }
  }

  KafkaStreams streams() {
    return streams;
  }

  /** The first exception a stream thread died of, once the client is in ERROR. */
  Optional<Throwable> fatal() {
    return Optional.ofNullable(fatal.get());
  }

  /** The meters /metrics serves. */
  MeterRegistry registry() {
    return registry;
  }

  int metricsPort() {
    return server.port();
  }

  /** Where /metrics answers, with the scheme and the bound address. */
  String metricsUrl() {
    return server.metricsUrl();
  }

  /**
   * Stops gracefully, once (a shutdown hook and the caller may both ask). The model is closed only
   * once every stream thread has stopped: an ONNX Runtime session must not close under a running
   * batch. Should the threads outlive the timeout, the model is left to the process's exit.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    boolean stopped = streams.close(Duration.ofSeconds(30));
    kafkaMetrics.close();
    server.close();
    registry.close();
    if (stopped) {
      wiring.close();
    }
  }
}
