package io.penultimate.demo;

import io.penultimate.data.LabeledSamples;
import io.penultimate.stream.EventParser.InputFormat;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Faults on a real cluster: three monitors ({@code serve} in child JVMs) on six partitions of a
 * replicated cluster, a stream of labelled events at a steady rate, and three faults, one after
 * another, each once a further quarter of the events has been sent and the scores have caught up
 * with them: a {@code kill -9} of one
 * monitor, restarted after a pause; one broker stopped (SIGTERM) and restarted after the pause; a
 * rolling restart of every monitor (each stopped, started and RUNNING before the next). At the end,
 * what the monitors committed is counted ({@link ChaosCounts}), and how long each fault took
 * to be absorbed is read off the backlog ({@link Backlog}).
 */
public final class ChaosRun {
  /** The monitors, and so the stream threads, one each. */
  public static final int MONITORS = 3;

  /** Twice the monitors: each holds two tasks of each sub-topology at rest. */
  public static final int PARTITIONS = 6;

  /** The monitors' -Xmx: their quality windows hold the whole stream, not the default 10,000 outcomes. */
  public static final String MONITOR_HEAP = "1g";

  private static final String ID_PREFIX = "c";
  private static final Duration LABEL_DELAY = Duration.ofSeconds(1);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
  /** The backlog, in seconds of events, under which the cluster counts as settled before a fault. */
  private static final Duration SETTLED = Duration.ofSeconds(5);
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
  /** After the last expected record, how long the tally goes on reading for duplicates. */
  private static final Duration TAIL = Duration.ofSeconds(5);

  /**
   * One run's settings.
   *
   * @param samples the labelled inputs replayed as events, cycled through (shuffled once, seeded)
   * @param pause how long a killed monitor or a stopped broker stays down
   * @param sessionTimeout the monitors' consumer session timeout: how long the group waits for a
   *     member that left without a word (killed, or stopped: Streams does not leave its group on close)
   * @param labelGrace the monitors' {@code --label-grace}; counted in the events' record time, so the
   *     labels held when a task stops, and those read ahead of their events while it catches up,
   *     wait for their events however long the fault lasts
   * @param workDir where each monitor keeps its state directory, deleted at the end, and its logs, kept
   */
  public record Settings(Path model, Path encoders, LabeledSamples samples, int events, double rate, int standbyReplicas, Duration pause,
      Duration sessionTimeout, Duration labelGrace, Path workDir) {
    public Settings {
      if (events < 4 * MONITORS || !(rate > 0) || standbyReplicas < 0 || pause.isNegative()) {
        throw new IllegalArgumentException("need events >= " + 4 * MONITORS + ", rate > 0, standby replicas >= 0 and a pause >= 0; found "
            + events + ", " + rate + ", " + standbyReplicas + ", " + pause);
      }
    }
  }

  /** The faults, in the order they are injected. */
  public enum Fault {
    KILL_MONITOR("kill -9 of a monitor"),
    STOP_BROKER("broker stopped"),
    ROLLING_RESTART("rolling restart");

    private final String description;

    Fault(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /**
   * One fault's figures.
   *
   * @param atSeconds from the first event sent
   *
   * @param tookSeconds from the fault until the cluster was whole again: the killed monitor
   *     RUNNING again, the stopped broker registered again, the last restarted monitor RUNNING
   */
  public record FaultFigures(Fault fault, double atSeconds, double tookSeconds, Backlog.Recovery recovery) {}

  /**
   * One run's figures.
   *
   * @param deadLetterReasons how many dead letters gave each reason, ids left out
   * @param missing the ids without a score or an outcome, as ranges
   * @param duplicates the first scores repeated, where each copy lay and when it came, in the faults' time
   * @param logs where the monitors' logs are kept
   */
  public record Result(int standbyReplicas, ChaosCounts counts, List<FaultFigures> faults, double streamSeconds,
      Map<String, Integer> deadLetterReasons, List<String> missing, List<String> duplicates, Path logs) {}

  private final EmbeddedCluster cluster;
  private final Settings settings;
  private final PrintWriter log;
  private final String name;
  private final Topics topics;
  private final List<MonitorProcess> monitors = new ArrayList<>();
  private final long startNanos = System.nanoTime();

  private ChaosRun(EmbeddedCluster cluster, Settings settings, PrintWriter log, String name) {
    this.cluster = cluster;
    this.settings = settings;
    this.log = log;
    this.name = name;
    this.topics = Topics.withPrefix(name);
  }

  /** One run on fresh topics and a fresh application id, on a running cluster; its monitors are stopped at the end. */
  public static Result run(EmbeddedCluster cluster, Settings settings, PrintWriter log) throws Exception {
    return new ChaosRun(cluster, settings, log, "chaos-standby" + settings.standbyReplicas() + "-" + System.currentTimeMillis()).run();
  }

  private Result run() throws Exception {
    try (TopicCheck check = TopicCheck.connect(cluster.bootstrapServers())) {
      check.createMissing(topics, new TopicCheck.Creation(PARTITIONS, Optional.of((short) cluster.size())));
    }
    try {
      startMonitors();
      return stream();
    } finally {
      for (MonitorProcess monitor : monitors) {
        monitor.stop();
        monitor.deleteState();
      }
    }
  }

  private void startMonitors() throws IOException, InterruptedException {
    for (int i = 1; i <= MONITORS; i++) {
      MonitorProcess monitor = new MonitorProcess(settings.workDir().resolve(name).resolve("monitor-" + i), jvmOptions(), serveArgs());
      monitor.start();
      monitors.add(monitor);
    }
    for (MonitorProcess monitor : monitors) {
      monitor.awaitRunning(START_TIMEOUT);
    }
    log.printf("chaos: %d monitors RUNNING (%d standby replicas)%n", MONITORS, settings.standbyReplicas());
  }

  /** Kafka Streams' task moves and restorations go into the kept logs, timed: they are how a repeated score is traced. */
  private List<String> jvmOptions() {
    return List.of("-Xmx" + MONITOR_HEAP, "-Dkafka.num.standby.replicas=" + settings.standbyReplicas(),
        "-Dkafka.session.timeout.ms=" + settings.sessionTimeout().toMillis(),
        "-Dorg.slf4j.simpleLogger.log.io.penultimate=info", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams=info",
        "-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
  }

  /** Windows as large as the stream, so that the merged snapshot can hold every outcome, and must. */
  private List<String> serveArgs() {
    String events = String.valueOf(settings.events());
    return List.of("--model", settings.model().toString(), "--encoders", settings.encoders().toString(),
        "--bootstrap-servers", cluster.bootstrapServers(), "--application-id", name,
        "--metrics-port", "0", "--metrics-bind", "127.0.0.1",
        "--input-topic", topics.events(), "--output-topic", topics.scores(), "--dlq-topic", topics.deadLetters(),
        "--labels-topic", topics.labels(), "--outcomes-topic", topics.outcomes(), "--quality-topic", topics.quality(),
        "--window", events, "--time-window-capacity", events, "--label-grace", settings.labelGrace().toString());
  }

  private Result stream() throws Exception {
    int events = settings.events();
    OutputTally tally = new OutputTally(cluster.bootstrapServers(), topics, events, ID_PREFIX, startNanos);
    Thread reader = new Thread(tally, "chaos-tally");
    reader.start();
    tally.awaitAssignment();
    long[] sentMs = new long[events];
    AtomicInteger sent = new AtomicInteger();
    AtomicReference<Exception> sendFailure = new AtomicReference<>();
    Thread sender = new Thread(() -> send(sentMs, sent, sendFailure), "chaos-sender");
    long streamStart = System.nanoTime();
    sender.start();
    List<Span> spans = new ArrayList<>();
    try {
      for (Fault fault : Fault.values()) {
        awaitDue((fault.ordinal() + 1) * events / 4, sent, tally, sender);
        long at = nowMs();
        log.printf("chaos: %s after %d events (%s)%n", fault.description(), sent.get(), tally.progress());
        inject(fault);
        spans.add(new Span(at, nowMs()));
      }
      sender.join();
      if (sendFailure.get() != null) {
        throw sendFailure.get();
      }
      long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
      while (!tally.complete() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      double streamSeconds = (System.nanoTime() - streamStart) / 1e9;
      log.printf("chaos: %s; reading %d s more for duplicates%n", tally.progress(), TAIL.toSeconds());
      Thread.sleep(TAIL.toMillis());
      return result(tally, reader, sentMs, spans, streamSeconds);
    } finally {
      sender.interrupt();
      tally.stop();
      reader.join();
    }
  }

  /**
   * Waits until {@code due} events have been sent and the scored output has kept up with them
   * (a backlog of at most {@link #SETTLED} of events) for the {@link Backlog#BASELINE_MS} before
   * the fault, so that each fault meets a settled cluster, its baseline is a steady one, and its
   * recovery is its own; after {@link #SETTLE_TIMEOUT} the fault comes anyway.
   */
  private void awaitDue(int due, AtomicInteger sent, OutputTally tally, Thread sender) throws InterruptedException {
    while (sent.get() < due && sender.isAlive()) {
      Thread.sleep(10);
    }
    long settled = Math.max(1, (long) (settings.rate() * SETTLED.toMillis() / 1e3));
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    long steadySince = nowMs();
    while (nowMs() - steadySince < Backlog.BASELINE_MS && System.nanoTime() < deadline) {
      Thread.sleep(10);
      if (sent.get() - tally.scored() > settled) {
        steadySince = nowMs();
      }
    }
  }

  /** When a fault began and ended, in milliseconds from the run's start. */
  private record Span(long at, long done) {}

  private Result result(OutputTally tally, Thread reader, long[] sentMs, List<Span> spans, double streamSeconds)
      throws InterruptedException {
    tally.stop();
    reader.join();
    long[] scoredMs = tally.firstScoreMillis();
    Backlog backlog = new Backlog(sentMs, scoredMs);
    long lastScore = 0;
    for (long t : scoredMs) {
      lastScore = Math.max(lastScore, t);
    }
    List<FaultFigures> faults = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      long at = spans.get(i).at();
      long until = i + 1 < spans.size() ? spans.get(i + 1).at() : Math.max(lastScore, at) + Backlog.STEP_MS;
      faults.add(new FaultFigures(Fault.values()[i], (at - sentMs[0]) / 1e3, (spans.get(i).done() - at) / 1e3, backlog.after(at, until)));
    }
    return new Result(settings.standbyReplicas(), tally.counts(), faults, streamSeconds, tally.deadLetterReasons(), tally.missing(),
        tally.duplicates(sentMs[0]), settings.workDir().resolve(name));
  }

  private void send(long[] sentMs, AtomicInteger sent, AtomicReference<Exception> failure) {
    ReplayPlan plan = new ReplayPlan(ReplayPlan.shuffled(settings.samples(), 7), null, 0, settings.events(), settings.rate(), false,
        topics.labels(), LABEL_DELAY, ID_PREFIX);
    // idempotent and acknowledged by every in-sync replica: a broker stopping under the producer
    // must lose or duplicate nothing on the way in, or the counts would test the producer, not the monitors
    Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try {
      EventReplay.replay(plan, producer, topics.events(), InputFormat.JSON, n -> {
        sentMs[n - 1] = nowMs();
        sent.set(n);
      }, 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  private void inject(Fault fault) throws IOException, InterruptedException {
    switch (fault) {
      case KILL_MONITOR -> {
        MonitorProcess victim = monitors.get(0);
        victim.kill();
        Thread.sleep(settings.pause().toMillis());
        victim.start();
        victim.awaitRunning(START_TIMEOUT);
      }
      case STOP_BROKER -> {
        cluster.stop(cluster.size());
        Thread.sleep(settings.pause().toMillis());
        cluster.restart(cluster.size());
      }
      case ROLLING_RESTART -> {
        for (MonitorProcess monitor : monitors) {
          monitor.stop();
          monitor.start();
          monitor.awaitRunning(START_TIMEOUT);
        }
      }
    }
  }

  private long nowMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
