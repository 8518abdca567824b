package io.penultimate.demo;

import io.penultimate.data.LabeledImages;
import io.penultimate.math.Stats;
import io.penultimate.stream.EventReplay;
import io.penultimate.stream.ReplayPlan;
import io.penultimate.stream.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * End-to-end benchmark of a Streams application against a real broker, in two phases per
 * application: throughput (a backlog of events already in the input topic, timed from the first
 * output record to the last, so start-up and group joins do not count) and latency (events sent at
 * a steady rate, each timed from its send to its output record read back, read_committed). Run
 * for a pass-through topology with the same serdes and for the scoring monitor, in one process,
 * so their ratio holds on a noisy machine.
 */
public final class StreamBench {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** Builds the application under test on the given topics and bootstrap servers. */
  public interface App extends BiFunction<Topics, Properties, KafkaStreams> {}

  /** One application's figures. */
  public record Figures(String name, int events, double eventsPerSecond, double p50Ms, double p99Ms, int latencyEvents, double rate) {}

  private StreamBench() {}

  /** A topology that forwards each input record unchanged: the same serdes, no work. */
  public static Topology passThrough(Topics topics) {
    Topology topology = new Topology();
    topology.addSource("in", new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    topology.addSink("out", topics.scores(), new StringSerializer(), new ByteArraySerializer(), "in");
    return topology;
  }

  public static Figures run(
      String name, App app, String servers, Properties properties, LabeledImages images, int events, int latencyEvents, double rate)
      throws Exception {
    Topics throughput = createTopics(servers, name + "-throughput-" + System.nanoTime());
    send(servers, throughput.events(), images, events, 0);
    double eventsPerSecond;
    try (KafkaStreams streams = app.apply(throughput, appProperties(properties, servers, throughput))) {
      double[] arrivals = readBack(servers, throughput.scores(), events, streams::start, (record, now) -> now / 1e6);
      eventsPerSecond = (events - 1) / ((arrivals[events - 1] - arrivals[0]) / 1e3);
    }
    Topics latency = createTopics(servers, name + "-latency-" + System.nanoTime());
    double[] latencies;
    try (KafkaStreams streams = app.apply(latency, appProperties(properties, servers, latency))) {
      streams.start();
      StreamClients.awaitRunning(streams, TIMEOUT);
      Thread sender = new Thread(() -> send(servers, latency.events(), images, latencyEvents, rate), "bench-sender");
      // both topologies keep the input's timestamp on the output: the producer's send time (as in the JSON)
      latencies = readBack(servers, latency.scores(), latencyEvents, sender::start,
          (record, now) -> System.currentTimeMillis() - (double) record.timestamp());
      sender.join();
    }
    return new Figures(name, events, eventsPerSecond, Stats.percentile(latencies, 0.5), Stats.percentile(latencies, 0.99), latencyEvents, rate);
  }

  private static Properties appProperties(Properties base, String servers, Topics topics) {
    Properties properties = new Properties();
    properties.putAll(base);
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, topics.events().replace(".events", ""));
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return properties;
  }

  private static Topics createTopics(String servers, String prefix) throws Exception {
    Topics topics = new Topics(prefix + ".events", prefix + ".scores", prefix + ".dlq", prefix + ".labels", prefix + ".outcomes", prefix + ".quality");
    MonitorTopics.create(servers, topics, 2);
    return topics;
  }

  /** Replays images as unlabelled event JSON; rate 0 sends as fast as possible. */
  private static void send(String servers, String topic, LabeledImages images, int count, double rate) {
    ReplayPlan plan = new ReplayPlan(images, null, 0, count, rate, false, null, Duration.ZERO, "b");
    try {
      EventReplay.replay(plan, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), topic, n -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads {@code count} records, measuring each as it arrives; {@code start} runs once the reader
   * holds its partitions, so a slow group join never delays or bunches the measured arrivals.
   */
  private static double[] readBack(
      String servers, String topic, int count, Runnable start, BiFunction<ConsumerRecord<String, byte[]>, Long, Double> measure) {
    double[] values = new double[count];
    int seen = 0;
    try (KafkaConsumer<String, byte[]> consumer = StreamClients.readCommitted(servers, topic, new ByteArrayDeserializer())) {
      StreamClients.awaitAssignment(consumer);
      start.run();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (seen < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + seen + " of " + count + " records on " + topic + " after " + TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          if (seen < count) {
            values[seen++] = measure.apply(record, System.nanoTime());
          }
        }
      }
    }
    return values;
  }



}
