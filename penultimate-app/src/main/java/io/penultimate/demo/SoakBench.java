package io.penultimate.demo;

import io.penultimate.data.LabeledSamples;
import io.penultimate.stream.EventParser.InputFormat;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A long run of a started monitor at a steady rate, to see whether its memory stays flat: a
 * producer in this process replays the data's events at the rate, each labelled a little later on
 * the labels topic, while every interval one {@link SoakSample} is taken (this process's memory,
 * the monitor's state on disk, its lag and progress). Then the producer stops, the monitor
 * drains, and its output topics are read back read_committed: every event must have exactly one
 * scored record and, being labelled, exactly one outcome.
 */
public final class SoakBench {
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
  /** The replay names its events {@code s0}, {@code s1}, ...; the count check reads the index back. */
  static final String ID_PREFIX = "s";

  /**
   * @param rate events per second
   * @param warmUp samples taken before this much time has passed are left out of the slopes
   * @param fullGc collect the whole heap before each sample, so that the heap after GC is the
   *     live set: G1's young collections leave the old generation's garbage in it until a mixed
   *     collection runs, which with a large heap may not happen within the run
   */
  public record Settings(double rate, Duration duration, Duration interval, Duration warmUp, Duration labelDelay, boolean fullGc) {
    public Settings {
      if (!(rate > 0) || duration.isNegative() || duration.isZero() || interval.isNegative() || interval.isZero()
          || warmUp.isNegative() || labelDelay.isNegative()) {
        throw new IllegalArgumentException("rate, duration and interval must be positive, warm-up and label delay not negative; found "
            + rate + ", " + duration + ", " + interval + ", " + warmUp + ", " + labelDelay);
      }
      if (duration.minus(warmUp).compareTo(interval) < 0) {
        throw new IllegalArgumentException("the slopes need two samples after the warm-up: duration " + duration + " less warm-up "
            + warmUp + " is shorter than the interval " + interval);
      }
      long events = Math.round(rate * duration.toMillis() / 1e3);
      if (events > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("rate x duration is " + events + " events, more than one replay sends");
      }
    }

    int events() {
      return (int) Math.round(rate * duration.toMillis() / 1e3);
    }
  }

  /** Where the monitor under test runs: its cluster, topics, consumer group and state directory. */
  public record Monitor(String servers, Topics topics, String applicationId, Path stateDir, KafkaStreams streams) {}

  private SoakBench() {}

  /** Runs the soak against the started monitor; the monitor is left running (drained) for the caller to close. */
  public static SoakResult run(Monitor monitor, LabeledSamples data, InputFormat format, Settings settings, ProcessMemory memory,
      PrintWriter err) throws Exception {
    StreamClients.awaitRunning(monitor.streams(), STARTUP_TIMEOUT);
    Topics topics = monitor.topics();
    ReplayPlan plan = new ReplayPlan(data, null, 0, settings.events(), settings.rate(), false, topics.labels(), settings.labelDelay(),
        ID_PREFIX);
    List<SoakSample> samples = new ArrayList<>();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, monitor.servers()))) {
      ConsumerLag lag = new ConsumerLag(admin, monitor.applicationId(),
          partitions(admin, List.of(topics.events(), topics.labels())));
      long start = System.nanoTime();
      CompletableFuture<EventReplay.Sent> sending = CompletableFuture.supplyAsync(() -> replay(plan, monitor.servers(), topics, format));
      long intervals = settings.duration().toNanos() / settings.interval().toNanos();
      for (long k = 0; k <= intervals; k++) {
        sleepUntil(start + k * settings.interval().toNanos());
        requireHealthy(monitor.streams(), sending);
        SoakSample sample = sample(Duration.ofNanos(System.nanoTime() - start), memory, monitor, lag, settings.fullGc());
        samples.add(sample);
        err.printf("soak: %s%n", sample.summary());
      }
      EventReplay.Sent sent = sending.get();
      double producing = (System.nanoTime() - start) / 1e9;
      err.printf("soak: %d events and %d labels sent in %.0f s; waiting for the monitor to drain%n", sent.events(), sent.labels(), producing);
      long drainStart = System.nanoTime();
      drain(lag, topics, monitor.streams());
      Duration drained = Duration.ofNanos(System.nanoTime() - drainStart);
      err.printf("soak: drained in %.1f s; reading the output topics back (read_committed)%n", drained.toMillis() / 1e3);
      // committed events may still wait in the monitor's batch buffer (a store, changelogged): the
      // scores and outcomes are read until every one is in, or nothing more comes
      IdTally scores = new IdTally(ID_PREFIX, sent.events());
      TopicReader.read(monitor.servers(), topics.scores(), scores::add, () -> scores.counts().records() >= sent.events());
      IdTally outcomes = new IdTally(ID_PREFIX, sent.labels());
      TopicReader.read(monitor.servers(), topics.outcomes(), outcomes::add, () -> outcomes.counts().records() >= sent.labels());
      AtomicLong deadLetters = new AtomicLong();
      TopicReader.read(monitor.servers(), topics.deadLetters(), id -> deadLetters.incrementAndGet(), () -> true);
      return new SoakResult(settings, samples, sent, producing, drained, scores.counts(), outcomes.counts(), deadLetters.get());
    }
  }

  private static EventReplay.Sent replay(ReplayPlan plan, String servers, Topics topics, InputFormat format) {
    try {
      return EventReplay.replay(plan, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), topics.events(), format, n -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the replay was interrupted", e);
    }
  }

  /** The events sent so far are the events topic's latest offsets: the replay's producer is not transactional, so no markers. */
  private static SoakSample sample(Duration elapsed, ProcessMemory memory, Monitor monitor, ConsumerLag lag, boolean fullGc)
      throws InterruptedException, ExecutionException {
    Topics topics = monitor.topics();
    Map<String, ConsumerLag.TopicLag> lags = lag.read();
    ConsumerLag.TopicLag events = lags.get(topics.events());
    ProcessMemory.Reading reading = memory.read();
    if (fullGc) {
      // RSS and the committed sizes are read first: a full collection shrinks the committed heap at
      // once but G1 returns the pages to the OS later, concurrently, so RSS read just after it
      // still holds them (seen: "other native" leaping by gigabytes). The collection itself is a
      // pause of the whole process once an interval, under a second for this heap; the lag absorbs it.
      System.gc();
      reading = reading.withHeapAfterGc(ProcessMemory.heapAfterLastGc());
    }
    return new SoakSample(elapsed, reading, directoryBytes(monitor.stateDir()), storeKeys(monitor.streams()), events.lag(),
        lags.get(topics.labels()).lag(), events.committed() + events.lag(), events.committed());
  }

  /** RocksDB's estimate of the keys in every persistent store of the monitor (Kafka Streams' {@code estimate-num-keys}, summed). */
  static long storeKeys(KafkaStreams streams) {
    return streams.metrics().values().stream()
        .filter(metric -> metric.metricName().name().equals("estimate-num-keys") && metric.metricValue() instanceof Number)
        .mapToLong(metric -> ((Number) metric.metricValue()).longValue())
        .sum();
  }

  /** Until the monitor has committed every event and label it was sent. */
  private static void drain(ConsumerLag lag, Topics topics, KafkaStreams streams) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (true) {
      Map<String, ConsumerLag.TopicLag> lags = lag.read();
      if (lags.values().stream().allMatch(topic -> topic.lag() == 0)) {
        return;
      }
      if (System.nanoTime() > deadline || !streams.state().isRunningOrRebalancing()) {
        throw new IllegalStateException("the monitor did not drain within " + DRAIN_TIMEOUT + " (Streams " + streams.state()
            + "); lag by topic: " + lags.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().lag())
            .collect(Collectors.joining(", ")));
      }
      Thread.sleep(500);
    }
  }

  /** Stops the soak early, saying why, when the monitor or the replay has failed. */
  private static void requireHealthy(KafkaStreams streams, CompletableFuture<EventReplay.Sent> sending)
      throws InterruptedException, ExecutionException {
    if (!streams.state().isRunningOrRebalancing()) {
      throw new IllegalStateException("the monitor stopped during the soak: Kafka Streams is " + streams.state());
    }
    if (sending.isCompletedExceptionally()) {
      sending.get();
    }
  }

  private static Map<String, Integer> partitions(Admin admin, List<String> topics) throws InterruptedException, ExecutionException {
    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
    return described.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().partitions().size()));
  }

  /**
   * Bytes of the regular files under {@code dir}: what the state stores (RocksDB's files,
   * checkpoints) hold on disk. RocksDB deletes files as it compacts: one gone between listing and
   * reading weighs nothing.
   */
  static long directoryBytes(Path dir) {
    AtomicLong bytes = new AtomicLong();
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          bytes.addAndGet(attributes.isRegularFile() ? attributes.size() : 0);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException gone) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk the state directory " + dir, e);
    }
    return bytes.get();
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
