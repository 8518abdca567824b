package io.penultimate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.kafka.streams.KafkaStreams;

/** JVM, process and Kafka Streams client meters, and the Streams state as gauges. */
public final class ProcessMetrics {
  private ProcessMetrics() {}

  /** Binds everything; the returned Kafka binder must be closed with the streams client. */
  public static KafkaStreamsMetrics bind(MeterRegistry registry, KafkaStreams streams) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("penultimate.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
        .description("1 while the Kafka Streams client is RUNNING").register(registry);
    for (KafkaStreams.State state : KafkaStreams.State.values()) {
      Gauge.builder("penultimate.streams.state", streams, s -> s.state() == state ? 1 : 0).tag("state", state.name())
          .description("1 for the Kafka Streams client's current state").register(registry);
    }
    KafkaStreamsMetrics kafka = new KafkaStreamsMetrics(streams);
    kafka.bindTo(registry);
    return kafka;
  }
}
