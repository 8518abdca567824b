package io.penultimate.demo;

import io.penultimate.data.LabeledSamples;
import io.penultimate.stream.BinaryEvent;
import io.penultimate.stream.EventJson;
import io.penultimate.stream.EventParser.InputFormat;
import io.penultimate.stream.InputEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Replays labelled images into the input topic as event JSON (or binary events), paced to a target
 * rate, with a plain {@link KafkaProducer} (what any client would do), optionally mixing in
 * out-of-distribution images and publishing labels late on their own topic, as label JSON.
 */
public final class EventReplay {
  /**
   * One request in flight per connection. With more, an idempotent producer writing to a freshly
   * created partition can lose records silently: a first request that reaches the broker before
   * the partition exists fails, a later one succeeds, and the first is then retried with
   * OUT_OF_ORDER_SEQUENCE_NUMBER until it expires (KAFKA-15591; seen here with Kafka 4.3.1 even
   * after every partition reported a leader).
   */
  public static final int SAFE_IN_FLIGHT = 1;

  /**
   * With one request in flight, each request must carry many events: the default 16 KB batch
   * holds two to four 784-pixel events, which made a replay of 2,000 events take seconds.
   */
  public static final int BATCH_BYTES = 512 * 1024;

  private EventReplay() {}

  /** What a replay sent. */
  public record Sent(int events, int outOfDistribution, int labels) {}

  /**
   * Sends the plan's events, paced to its rate, cycling through each image set; in-distribution
   * events get ids {@code prefix + index}. Delayed labels are sent once due, between events, and
   * the last ones are waited for. Reports progress every 1,000 events.
   */
  public static Sent replay(ReplayPlan plan, Map<String, Object> producerConfig, String topic, IntConsumer progress)
      throws InterruptedException {
    return replay(plan, producerConfig, topic, InputFormat.JSON, progress);
  }

  /** @param format {@link InputFormat#JSON} or {@link InputFormat#BINARY}, as the monitor's input format says */
  public static Sent replay(ReplayPlan plan, Map<String, Object> producerConfig, String topic, InputFormat format, IntConsumer progress)
      throws InterruptedException {
    return replay(plan, producerConfig, topic, format, progress, 1000);
  }

  /** The same, reporting progress every {@code every} events (1: as each is handed to the producer). */
  static Sent replay(
      ReplayPlan plan, Map<String, Object> producerConfig, String topic, InputFormat format, IntConsumer progress, int every)
      throws InterruptedException {
    if (format == InputFormat.OIP) {
      throw new IllegalArgumentException("events are replayed as json or binary, not as Open Inference Protocol requests");
    }
    Map<String, Object> config = new HashMap<>(producerConfig);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, SAFE_IN_FLIGHT);
    config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
    Random coin = new Random(42);
    ArrayDeque<DueLabel> due = new ArrayDeque<>();
    long start = System.nanoTime();
    int ood = 0;
    int labels = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      int i = 0;
      for (; plan.count() == 0 || i < plan.count(); i++) {
        if (plan.ratePerSecond() > 0) {
          sleepUntil(start + (long) (i * 1e9 / plan.ratePerSecond()));
        }
        labels += sendDue(producer, plan.labelsTopic(), due, System.nanoTime());
        long now = System.currentTimeMillis();
        if (coin.nextDouble() < plan.oodShare()) {
          LabeledSamples images = plan.outOfDistribution();
          String id = ReplayPlan.OOD_PREFIX + i;
          producer.send(new ProducerRecord<>(topic, id, encoded(format, id, images.features()[ood++ % images.size()], null, now)));
        } else {
          int k = (i - ood) % plan.inDistribution().size();
          String id = plan.idPrefix() + i;
          int label = plan.inDistribution().labels()[k];
          producer.send(new ProducerRecord<>(topic, id,
              encoded(format, id, plan.inDistribution().features()[k], plan.labelsInEvents() ? label : null, now)));
          if (plan.labelsTopic() != null) {
            due.addLast(new DueLabel(System.nanoTime() + plan.labelDelay().toNanos(), id, label));
          }
        }
        if ((i + 1) % every == 0) {
          progress.accept(i + 1);
        }
      }
      while (!due.isEmpty()) {
        sleepUntil(due.peekFirst().dueNanos());
        labels += sendDue(producer, plan.labelsTopic(), due, System.nanoTime());
      }
      producer.flush();
      return new Sent(i, ood, labels);
    }
  }

  private record DueLabel(long dueNanos, String id, int label) {}

  private static byte[] encoded(InputFormat format, String id, float[] features, Integer label, long timestamp) {
    return format == InputFormat.BINARY
        ? BinaryEvent.encode(new InputEvent(id, features, label == null ? OptionalInt.empty() : OptionalInt.of(label), timestamp))
        : EventJson.event(id, features, label, timestamp).getBytes(StandardCharsets.UTF_8);
  }

  private static int sendDue(KafkaProducer<String, byte[]> producer, String topic, ArrayDeque<DueLabel> due, long now) {
    int sent = 0;
    while (!due.isEmpty() && due.peekFirst().dueNanos() <= now) {
      DueLabel label = due.removeFirst();
      producer.send(new ProducerRecord<>(topic, label.id(), EventJson.label(label.id(), label.label()).getBytes(StandardCharsets.UTF_8)));
      sent++;
    }
    return sent;
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
