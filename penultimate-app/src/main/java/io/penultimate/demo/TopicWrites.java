package io.penultimate.demo;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a Kafka Streams application's producers wrote, by topic, per event: the records and bytes
 * they count as sent to it ({@code record-send-total} and {@code byte-total} of their
 * {@code producer-topic-metrics}). Every record is work for the broker, which on a small machine
 * shares the application's cores; this says which topic hops (outputs, state stores' changelogs,
 * repartition topics) it serves, and how much of each.
 */
public final class TopicWrites {
  /** One topic's writes, per event of the phase. */
  public record PerEvent(double records, double bytes) {}

  private TopicWrites() {}

  /**
   * The writes of {@code streams} so far, per event of {@code events}, by topic name without the
   * application id it starts with (so {@code scores}, {@code quality-window-changelog}).
   */
  static Map<String, PerEvent> of(KafkaStreams streams, String applicationId, int events) {
    Map<String, double[]> totals = new TreeMap<>();
    for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
      MetricName name = metric.getKey();
      String topic = name.tags().get("topic");
      boolean records = name.name().equals("record-send-total");
      if (!name.group().equals("producer-topic-metrics") || topic == null || !(records || name.name().equals("byte-total"))) {
        continue;
      }
      if (metric.getValue().metricValue() instanceof Double value) {
        // one producer per stream thread: their totals add up
        totals.computeIfAbsent(shortName(topic, applicationId), key -> new double[2])[records ? 0 : 1] += value;
      }
    }
    Map<String, PerEvent> perEvent = new TreeMap<>();
    totals.forEach((topic, total) -> perEvent.put(topic, new PerEvent(total[0] / events, total[1] / events)));
    return perEvent;
  }

  static String shortName(String topic, String applicationId) {
    return topic.startsWith(applicationId) ? topic.substring(applicationId.length()).replaceFirst("^[.-]", "") : topic;
  }
}
