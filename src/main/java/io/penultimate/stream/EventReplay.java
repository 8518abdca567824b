package io.penultimate.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.penultimate.data.LabeledImages;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays labelled images into the input topic as event JSON, paced to a target rate, with a
 * plain {@link KafkaProducer} of strings (what any client would do).
 */
public final class EventReplay {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventReplay() {}

  /** The event JSON of one image; the label is included only when asked for. */
  public static String eventJson(String id, float[] features, Integer label, long timestamp) {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", id);
    ArrayNode values = event.putArray("features");
    for (float f : features) {
      values.add(f);
    }
    if (label != null) {
      event.put("label", label);
    }
    event.put("timestamp", timestamp);
    return event.toString();
  }

  /**
   * Sends {@code count} images (cycling through the set) at {@code ratePerSecond} (0 = as fast as
   * possible); ids are {@code prefix + index}. Reports progress every 1,000 events.
   */
  public static void replay(
      LabeledImages images, int count, double ratePerSecond, boolean withLabels, String prefix,
      Map<String, Object> producerConfig, String topic, IntConsumer progress) throws InterruptedException {
    Map<String, Object> config = new java.util.HashMap<>(producerConfig);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    long start = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        if (ratePerSecond > 0) {
          long due = start + (long) (i * 1e9 / ratePerSecond);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
        }
        int k = i % images.size();
        String id = prefix + i;
        Integer label = withLabels ? images.labels()[k] : null;
        producer.send(new ProducerRecord<>(topic, id, eventJson(id, images.pixels()[k], label, System.currentTimeMillis())));
        if ((i + 1) % 1000 == 0) {
          progress.accept(i + 1);
        }
      }
      producer.flush();
    }
  }
}
