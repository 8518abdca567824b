package io.penultimate.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Streams application's) is behind on some topics: per topic, the
 * sum over its partitions of the latest offset less the group's committed one, as
 * read_committed consumers see the latest (the last stable offset). A partition the group has
 * not committed yet counts from 0.
 */
final class ConsumerLag {
  /** One topic's committed offsets and lag, summed over its partitions. */
  record TopicLag(long committed, long lag) {}

  private final Admin admin;
  private final String group;
  private final List<TopicPartition> partitions;

  ConsumerLag(Admin admin, String group, Map<String, Integer> partitionsByTopic) {
    this.admin = admin;
    this.group = group;
    this.partitions = partitionsByTopic.entrySet().stream()
        .flatMap(topic -> IntStream.range(0, topic.getValue()).mapToObj(p -> new TopicPartition(topic.getKey(), p)))
        .toList();
  }

  Map<String, TopicLag> read() throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    Map<String, Long> endSums = new HashMap<>();
    Map<String, Long> committedSums = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      endSums.merge(partition.topic(), ends.get(partition).offset(), Long::sum);
      committedSums.merge(partition.topic(), offset == null ? 0 : offset.offset(), Long::sum);
    }
    Map<String, TopicLag> lags = new HashMap<>();
    endSums.forEach((topic, end) -> lags.put(topic, new TopicLag(committedSums.get(topic), end - committedSums.get(topic))));
    return lags;
  }
}
