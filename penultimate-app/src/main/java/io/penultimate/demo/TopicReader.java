package io.penultimate.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic's keys from its start, read_committed, as any client of the monitor would. */
final class TopicReader {
  /** How long a topic must stay at its end, with nothing new, before a read that is not done gives up waiting. */
  private static final Duration QUIET = Duration.ofSeconds(30);

  private TopicReader() {}

  /**
   * Hands every record's key to {@code keys} until the reader is at the topic's end (its last
   * stable offsets, read again each time) and {@code done} says so, or until it has stayed at the
   * end for {@link #QUIET} with nothing new.
   */
  static void read(String servers, String topic, Consumer<String> keys, BooleanSupplier done) {
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long lastRecord = System.nanoTime();
      while (true) {
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          keys.accept(record.key());
          count++;
        }
        lastRecord = count > 0 ? System.nanoTime() : lastRecord;
        if (count == 0 && atEnd(consumer, partitions) && (done.getAsBoolean() || System.nanoTime() - lastRecord > QUIET.toNanos())) {
          return;
        }
      }
    }
  }

  private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
  }
}
