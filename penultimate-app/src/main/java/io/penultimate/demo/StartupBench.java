package io.penultimate.demo;

import io.penultimate.data.LabeledSamples;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Start-up of {@code serve}: a backlog of events waits in a fresh input topic, then a monitor
 * starts in a child JVM of its own, and a read_committed reader times every scored record from
 * the moment the process was started ({@link Ramp}): the JVM's start, class loading, reading the
 * model and bundle, the group join, and the JIT compiling the hot paths, as a user's new instance
 * pays them. Variants differ only in the child's JVM options; one is the class-data sharing
 * archive of the application's classes ({@link #archive}).
 */
public final class StartupBench {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final String HEAP = "-Xmx2g";

  /** A set of JVM options for the monitor's process. */
  public record Variant(String name, List<String> jvmOptions) {}

  /** One start: its variant and how it came up to speed. */
  public record Figures(String variant, Ramp ramp) {}

  private StartupBench() {}

  /**
   * Writes the class-data sharing archive of what a monitor loads on {@code archive}: one start on a
   * small backlog with {@code -XX:ArchiveClassesAtExit}, stopped once it has scored it, so that the
   * classes of scoring are in it too. Java 17 writes the archive as the JVM exits.
   */
  public static void archive(Path archive, MonitorConfig config, List<String> serveArgs, LabeledSamples events, Path dir)
      throws Exception {
    Files.deleteIfExists(archive);
    Variant dump = new Variant("archive", List.of("-XX:ArchiveClassesAtExit=" + archive));
    // the arrivals only, not their ramp: a fast machine scores this small backlog within too few seconds for one
    arrivals(dump, config, serveArgs, events, Math.min(5_000, events.size() * 2), dir);
    if (!Files.exists(archive)) {
      throw new IOException("the JVM wrote no class-data sharing archive at " + archive + "; see the monitor's log under " + dir);
    }
  }

  /**
   * One start of the monitor on a backlog of {@code count} events replayed from {@code events}, on
   * topics of its own; {@code serveArgs} name the model, the bundle and the brokers.
   */
  public static Figures run(Variant variant, MonitorConfig config, List<String> serveArgs, LabeledSamples events, int count, Path dir)
      throws Exception {
    return new Figures(variant.name(), Ramp.of(arrivals(variant, config, serveArgs, events, count, dir)));
  }

  /** Each scored record's arrival, in ms from the process start. */
  private static long[] arrivals(Variant variant, MonitorConfig config, List<String> serveArgs, LabeledSamples events, int count, Path dir)
      throws Exception {
    String name = "startup-" + variant.name() + "-" + System.nanoTime();
    Topics topics = StreamBench.createTopics(config.bootstrapServers(), name);
    StreamBench.send(config, topics.events(), null, events, count, 0);
    List<String> args = new ArrayList<>(serveArgs);
    args.addAll(List.of("--application-id", name, "--metrics-port", "0", "--metrics-bind", "127.0.0.1",
        "--input-topic", topics.events(), "--output-topic", topics.scores(), "--dlq-topic", topics.deadLetters(),
        "--labels-topic", topics.labels(), "--outcomes-topic", topics.outcomes(), "--quality-topic", topics.quality()));
    List<String> jvm = new ArrayList<>(List.of(HEAP));
    jvm.addAll(variant.jvmOptions());
    MonitorProcess monitor = new MonitorProcess(dir.resolve(name), jvm, args);
    long[] arrivals = new long[count];
    try (KafkaConsumer<String, byte[]> reader = StreamClients.readCommitted(config.bootstrapServers(), new ByteArrayDeserializer(),
        topics.scores())) {
      StreamClients.awaitAssignment(reader);
      long start = System.nanoTime();
      monitor.start();
      int seen = 0;
      long deadline = start + TIMEOUT.toNanos();
      while (seen < count) {
        if (System.nanoTime() > deadline) {
          throw new IOException("only " + seen + " of " + count + " events scored " + TIMEOUT.toMinutes() + " min after the start; the"
              + " monitor's log is under " + dir.resolve(name));
        }
        for (ConsumerRecord<String, byte[]> ignored : reader.poll(Duration.ofMillis(20))) {
          if (seen < count) {
            arrivals[seen++] = (System.nanoTime() - start) / 1_000_000;
          }
        }
      }
    } finally {
      monitor.stop();
    }
    return arrivals;
  }
}
