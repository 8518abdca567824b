package io.penultimate.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One monitor instance: {@code penultimate serve} in a child JVM of its own, so that a kill is a
 * real SIGKILL of a process, with its own state directory, kept across restarts as a pod's volume
 * would be. Each start logs to a file of its own ({@code serve-1.log}, {@code serve-2.log}, ...).
 */
final class MonitorProcess {
  /** What serve prints when its streams reach RUNNING (ServeCommand's state listener). */
  private static final String RUNNING = "-> RUNNING";

  private final Path dir;
  private final List<String> jvmOptions;
  private final List<String> serveArgs;
  private Process process;
  private Path log;
  private int starts;

  /** @param serveArgs serve's flags, without --state-dir, which is {@code dir/state} */
  MonitorProcess(Path dir, List<String> jvmOptions, List<String> serveArgs) {
    this.dir = dir;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.serveArgs = List.copyOf(serveArgs);
  }

  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the monitor in " + dir + " is still running");
    }
    Files.createDirectories(dir);
    log = dir.resolve("serve-" + ++starts + ".log");
    List<String> mainAndArgs = new ArrayList<>(List.of("io.penultimate.cli.Penultimate", "serve", "--state-dir",
        dir.resolve("state").toString()));
    mainAndArgs.addAll(serveArgs);
    // one OpenMP thread, as the launcher gives serve: a pool per core would spin against the brokers' threads
    process = ChildJvm.start(jvmOptions, Map.of("OMP_NUM_THREADS", "1", "ORT_DISABLE_TELEMETRY", "1"), mainAndArgs, log);
  }

  /** Waits until this start's streams first report RUNNING. */
  void awaitRunning(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.readString(log).contains(RUNNING)) {
      if (!process.isAlive()) {
        throw new IOException("the monitor exited with " + process.exitValue() + " before it ran; its log: " + log);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the monitor was not RUNNING after " + timeout.toSeconds() + " s; its log: " + log);
      }
      Thread.sleep(100);
    }
  }

  /** Deletes the state directory, once the process has gone; the logs stay. */
  void deleteState() throws IOException {
    Path state = dir.resolve("state");
    if (Files.exists(state)) {
      try (Stream<Path> files = Files.walk(state)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  /** SIGKILL: no shutdown hook, no commit, no leaving the group; returns once the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM: serve's shutdown hook closes the streams; killed if that takes over a minute. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
