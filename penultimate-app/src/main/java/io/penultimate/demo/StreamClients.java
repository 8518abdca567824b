package io.penultimate.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/** What the demo and the benchmark both do around a running Streams application. */
final class StreamClients {
  private StreamClients() {}

  /**
   * A plain consumer of output topics from their start, in a group of its own, seeing committed
   * records only: what any client of the monitor would read.
   */
  static <V> KafkaConsumer<String, V> readCommitted(String servers, Deserializer<V> values, String... topics) {
    KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
            ConsumerConfig.GROUP_ID_CONFIG, "penultimate-reader-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(),
        values);
    consumer.subscribe(List.of(topics));
    return consumer;
  }

  /** Joins the consumer's group: returns once it holds its partitions. */
  static void awaitAssignment(KafkaConsumer<?, ?> consumer) {
    while (consumer.assignment().isEmpty()) {
      consumer.poll(Duration.ofMillis(50));
    }
  }

  static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException("Kafka Streams did not reach RUNNING (state " + streams.state() + ")");
      }
      Thread.sleep(50);
    }
  }
}
