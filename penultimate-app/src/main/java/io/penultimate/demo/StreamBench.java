package io.penultimate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.data.LabeledSamples;
import io.penultimate.math.Stats;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * End-to-end benchmark of a Streams application against a real broker, in three phases per
 * application: throughput (a backlog of events already in the input topic, timed from the first
 * output record to the last, so start-up and group joins do not count); labelled throughput (a
 * backlog of events each followed by its label, timed from the first output record to the quality
 * record that covers every outcome, so the label join and the rolling quality are included); and
 * latency (events
 * sent at a steady rate, each timed from its send to its output record read back,
 * read_committed). Run for a pass-through topology with the same serdes and topic hops and for
 * the scoring monitor, in one process, so their ratios hold on a noisy machine.
 */
public final class StreamBench {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  /** Events scored, unmeasured, before the latency phase's: their ids begin with {@link #PRIMING_PREFIX}. */
  static final int PRIMING_EVENTS = 200;
  private static final String PRIMING_PREFIX = "prime-";

  /** Builds the application under test on the given topics, with the configuration of one phase. */
  public interface App extends BiFunction<Topics, MonitorConfig, KafkaStreams> {}

  /** How many outcomes the quality records read so far cover, after one more. */
  public interface QualityProgress {
    int after(int before, byte[] record);
  }

  /** A copy per outcome, as the pass-through writes. */
  public static final QualityProgress ONE_PER_OUTCOME = (before, record) -> before + 1;

  /** The monitor's merged snapshots: each covers {@code labelled} outcomes (the windows must hold them all). */
  public static final QualityProgress MERGED_SNAPSHOTS = (before, record) -> Math.max(before, labelled(record));

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one phase cost per event: per unlabelled event, or per event with its label.
   *
   * @param cpuByThread CPU time of the application's threads, by thread ({@link ApplicationCpu#byThread})
   * @param brokerCpuMicrosPerEvent the broker's CPU time, NaN when it runs elsewhere: on a machine whose cores are all busy,
   *     what the application's topic hops cost the broker takes cores from the application
   * @param writes what the application wrote, by topic
   */
  public record PhaseCost(Map<String, Double> cpuByThread, double brokerCpuMicrosPerEvent, Map<String, TopicWrites.PerEvent> writes) {
    /** CPU time of all the application's threads. */
    public double cpuMicrosPerEvent() {
      return cpuByThread.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /**
   * One application's figures.
   *
   * @param labelledPerSecond events per second of the labelled phase, until the quality covers every outcome
   * @param labelledSteadyPerSecond the rate at which the labelled phase's scores came out between its 10th and 90th
   *     percentile, the processing of the labels beside them included: unlike {@code labelledPerSecond} it does not count
   *     the wait for the last quality snapshot (the monitor publishes one per interval, the pass-through one per outcome)
   * @param unlabelled what the unlabelled phase cost
   * @param labelled what the labelled phase cost
   */
  public record Figures(
      String name, int events, double eventsPerSecond, double labelledPerSecond, double labelledSteadyPerSecond, PhaseCost unlabelled,
      PhaseCost labelled, double p50Ms, double p99Ms, int latencyEvents, double rate,
      ThreadLatencies thread) {}

  /**
   * The longest commit, poll, processing of one record and punctuation of the stream thread during
   * the latency phase, in ms (Kafka Streams' thread metrics, over their sample windows): which of
   * them a slow event waited for.
   */
  public record ThreadLatencies(double commitMaxMs, double pollMaxMs, double processMaxMs, double punctuateMaxMs) {
    static final ThreadLatencies UNKNOWN = new ThreadLatencies(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static ThreadLatencies of(KafkaStreams streams) {
      return new ThreadLatencies(max(streams, "commit-latency-max"), max(streams, "poll-latency-max"), max(streams, "process-latency-max"),
          max(streams, "punctuate-latency-max"));
    }

    private static double max(KafkaStreams streams, String name) {
      return streams.metrics().values().stream()
          .filter(metric -> metric.metricName().group().equals("stream-thread-metrics") && metric.metricName().name().equals(name))
          .map(Metric::metricValue)
          .filter(value -> value instanceof Double d && Double.isFinite(d))
          .mapToDouble(value -> (Double) value)
          .max()
          .orElse(Double.NaN);
    }
  }

  private record LabelledRates(double untilCovered, double steady) {}

  /** Medians and ranges over alternating runs of the two applications, the i-th of each forming a pair. */
  public record Spread(List<Figures> passThrough, List<Figures> scoring) {
    public Spread {
      if (passThrough.size() != scoring.size() || passThrough.isEmpty()) {
        throw new IllegalArgumentException("need as many runs of each, at least one; found " + passThrough.size() + " and " + scoring.size());
      }
    }

    /** {@code median [min-max]} of one figure over the scoring runs ({@code scoring}) or the pass-through ones. */
    public String of(ToDoubleFunction<Figures> figure, boolean ofScoring) {
      return format((ofScoring ? scoring : passThrough).stream().mapToDouble(figure).toArray(), "%.0f");
    }

    /** The same of scoring / pass-through, pair by pair. */
    public String ratio(ToDoubleFunction<Figures> figure) {
      double[] ratios = new double[scoring.size()];
      for (int i = 0; i < ratios.length; i++) {
        ratios[i] = figure.applyAsDouble(scoring.get(i)) / figure.applyAsDouble(passThrough.get(i));
      }
      return format(ratios, "%.2f");
    }

    /** {@code median [min-max]} of the values, each formatted as {@code number} ({@code "%.0f"}). */
    public static String format(double[] values, String number) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      return String.format(number + " [" + number + "-" + number + "]", Stats.percentile(sorted, 0.5), sorted[0], sorted[sorted.length - 1]);
    }
  }

  private StreamBench() {}

  /**
   * A topology that forwards each input record unchanged along the monitor's topic hops (events to
   * scores; labels to outcomes, outcomes to quality): the same serdes, no work.
   */
  public static Topology passThrough(Topics topics) {
    Topology topology = new Topology();
    topology.addSource("in", new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    topology.addSink("out", topics.scores(), new StringSerializer(), new ByteArraySerializer(), "in");
    topology.addSource("labels", new StringDeserializer(), new ByteArrayDeserializer(), topics.labels());
    topology.addSink("outcomes", topics.outcomes(), new StringSerializer(), new ByteArraySerializer(), "labels");
    topology.addSource("outcomes-in", new StringDeserializer(), new ByteArrayDeserializer(), topics.outcomes());
    topology.addSink("quality", topics.quality(), new StringSerializer(), new ByteArraySerializer(), "outcomes-in");
    return topology;
  }

  /**
   * The three phases of one application; {@code progress} reads its quality records. The rolling
   * windows are widened to hold every labelled event, so that a snapshot can cover them all.
   * {@code brokerCpuNanos} reads the broker's CPU time so far (NaN when unknown); the latency phase
   * sends at {@code latencyRate}, given or a share of the unlabelled phase's events per second.
   */
  public static Figures run(
      String name, App app, QualityProgress progress, MonitorConfig base, LabeledSamples images, int warmUp, int events,
      int latencyEvents, LatencyRate latencyRate, DoubleSupplier brokerCpuNanos) throws Exception {
    MonitorConfig config = base.with("window", String.valueOf(Math.max(Math.max(warmUp, events), base.window())));
    String servers = config.bootstrapServers();
    if (warmUp > 0) {
      // the JIT compiles the hot paths during the first seconds (a C2 thread busy for 5-6 s here),
      // so an unwarmed run measures compilation more than the topology
      Topics warm = createTopics(servers, name + "-warm-up-" + System.nanoTime());
      send(config, warm.events(), warm.labels(), images, warmUp, 0);
      try (KafkaStreams streams = app.apply(warm, phase(config, warm))) {
        labelledThroughput(servers, warm, warmUp, progress, streams::start, count -> {});
      }
    }
    Topics throughput = createTopics(servers, name + "-throughput-" + System.nanoTime());
    send(config, throughput.events(), null, images, events, 0);
    double eventsPerSecond;
    PhaseCost unlabelled;
    MonitorConfig throughputConfig = phase(config, throughput);
    PhaseCpu cpu = new PhaseCpu(throughputConfig.applicationId(), events, brokerCpuNanos);
    try (KafkaStreams streams = app.apply(throughput, throughputConfig)) {
      double[] arrivals = readBack(servers, throughput.scores(), events, streams::start, cpu::outputsSoFar, (record, now) -> now / 1e6, key -> true);
      eventsPerSecond = (events - 1) / ((arrivals[events - 1] - arrivals[0]) / 1e3);
      unlabelled = cpu.cost(streams);
    }
    Topics labelled = createTopics(servers, name + "-labelled-" + System.nanoTime());
    send(config, labelled.events(), labelled.labels(), images, events, 0);
    LabelledRates labelledRates;
    PhaseCost labelledCost;
    MonitorConfig labelledConfig = phase(config, labelled);
    PhaseCpu labelledCpu = new PhaseCpu(labelledConfig.applicationId(), events, brokerCpuNanos);
    try (KafkaStreams streams = app.apply(labelled, labelledConfig)) {
      labelledRates = labelledThroughput(servers, labelled, events, progress, streams::start, labelledCpu::outputsSoFar);
      labelledCost = labelledCpu.cost(streams);
    }
    Topics latency = createTopics(servers, name + "-latency-" + System.nanoTime());
    double rate = latencyRate.at(eventsPerSecond);
    double[] latencies;
    ThreadLatencies thread;
    try (KafkaStreams streams = app.apply(latency, phase(config, latency))) {
      streams.start();
      StreamClients.awaitRunning(streams, TIMEOUT);
      // the first events after a start wait for the tasks to come up (a scoring task copies the
      // network and opens its stores): a start-up cost (bench startup), not the latency of a running monitor
      readBack(servers, latency.scores(), PRIMING_EVENTS, () -> send(config, latency.events(), null, images, PRIMING_EVENTS, 0, PRIMING_PREFIX), count -> {},
          (record, now) -> 0.0, key -> key.startsWith(PRIMING_PREFIX));
      Thread sender = new Thread(() -> send(config, latency.events(), null, images, latencyEvents, rate), "bench-sender");
      // both topologies keep the input's timestamp on the output: the producer's send time (as in the JSON)
      latencies = readBack(servers, latency.scores(), latencyEvents, sender::start, count -> {},
          (record, now) -> System.currentTimeMillis() - (double) record.timestamp(), key -> !key.startsWith(PRIMING_PREFIX));
      sender.join();
      thread = ThreadLatencies.of(streams);
    }
    return new Figures(name, events, eventsPerSecond, labelledRates.untilCovered(), labelledRates.steady(), unlabelled, labelledCost,
        Stats.percentile(latencies, 0.5), Stats.percentile(latencies, 0.99), latencyEvents, rate, thread);
  }

  /** Each phase is a fresh application on its own topics, reading them from the start. */
  private static MonitorConfig phase(MonitorConfig config, Topics topics) {
    return config.with(topics).with("application-id", topics.events().replace(".events", ""))
        .with(MonitorConfig.KAFKA_PREFIX + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
  }

  static Topics createTopics(String servers, String prefix) throws Exception {
    Topics topics = Topics.withPrefix(prefix);
    try (TopicCheck check = TopicCheck.connect(servers)) {
      check.createMissing(topics, new TopicCheck.Creation(2, Optional.empty()));
    }
    return topics;
  }

  /**
   * Replays images as unlabelled events in the configured input format (JSON or binary), each
   * followed by its label on {@code labelsTopic} unless that is null; rate 0 sends as fast as possible.
   */
  static void send(MonitorConfig config, String topic, String labelsTopic, LabeledSamples images, int count, double rate) {
    send(config, topic, labelsTopic, images, count, rate, "b");
  }

  private static void send(MonitorConfig config, String topic, String labelsTopic, LabeledSamples images, int count, double rate,
      String idPrefix) {
    ReplayPlan plan = new ReplayPlan(images, null, 0, count, rate, false, labelsTopic, Duration.ZERO, idPrefix);
    try {
      EventReplay.replay(plan, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()), topic, config.inputFormat(),
          n -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Labelled events per second: from the first record on the scores or quality topic until
   * {@code count} records have arrived on the scores topic and the quality records cover {@code
   * count} outcomes.
   */
  private static LabelledRates labelledThroughput(
      String servers, Topics topics, int count, QualityProgress progress, Runnable start, IntConsumer scoresSoFar) {
    long first = 0;
    long[] scoreArrivals = new long[count];
    int scores = 0;
    int quality = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        StreamClients.readCommitted(servers, new ByteArrayDeserializer(), topics.scores(), topics.quality())) {
      StreamClients.awaitAssignment(consumer);
      start.run();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (scores < count || quality < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + scores + " scores and quality over " + quality + " outcomes of " + count + " after " + TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          first = first == 0 ? System.nanoTime() : first;
          if (record.topic().equals(topics.quality())) {
            quality = progress.after(quality, record.value());
          } else if (scores < count) {
            scoreArrivals[scores++] = System.nanoTime();
          }
        }
        scoresSoFar.accept(scores);
      }
    }
    return new LabelledRates(count / ((System.nanoTime() - first) / 1e9), steadyRate(scoreArrivals));
  }

  /** Arrivals per second between the 10th and the 90th percentile of {@code arrivals} (nanosecond times, in order). */
  static double steadyRate(long[] arrivals) {
    int from = arrivals.length / 10;
    int to = arrivals.length - 1 - arrivals.length / 10;
    return (to - from) / ((arrivals[to] - arrivals[from]) / 1e9);
  }

  /**
   * Reads {@code count} records whose key is {@code counted}, measuring each as it arrives; {@code
   * start} runs once the reader holds its partitions, so a slow group join never delays or bunches
   * the measured arrivals; {@code outputsSoFar} is told after each poll how many have come.
   */
  private static double[] readBack(String servers, String topic, int count, Runnable start, IntConsumer outputsSoFar,
      BiFunction<ConsumerRecord<String, byte[]>, Long, Double> measure, Predicate<String> counted) {
    double[] values = new double[count];
    int seen = 0;
    try (KafkaConsumer<String, byte[]> consumer = StreamClients.readCommitted(servers, new ByteArrayDeserializer(), topic)) {
      StreamClients.awaitAssignment(consumer);
      start.run();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (seen < count) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + seen + " of " + count + " records on " + topic + " after " + TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
          if (seen < count && counted.test(record.key())) {
            values[seen++] = measure.apply(record, System.nanoTime());
          }
        }
        outputsSoFar.accept(seen);
      }
    }
    return values;
  }

  private static int labelled(byte[] snapshot) {
    try {
      return JSON.readTree(snapshot).get("labelled").asInt();
    } catch (IOException e) {
      throw new UncheckedIOException("the monitor's quality record is not JSON", e);
    }
  }
}
