package io.penultimate.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a child JVM, started
 * from the {@code kafka_2.13} jar on our class path: storage formatted with {@code StorageTool},
 * then {@code kafka.Kafka}. A child process keeps the broker's threads and heap apart from the
 * monitor's, and dies with it.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final Process process;
  private final String bootstrapServers;

  private EmbeddedBroker(Path dir, Process process, String bootstrapServers) {
    this.dir = dir;
    this.process = process;
    this.bootstrapServers = bootstrapServers;
  }

  public static EmbeddedBroker start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("penultimate-kafka");
    int port = freePort();
    int controllerPort = freePort();
    Path config = dir.resolve("server.properties");
    Files.writeString(config, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("logs"),
        // one broker: internal topics must not ask for more replicas than exist, or groups and transactions stall
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        ""));
    Path log = dir.resolve("broker.log");
    run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), log)
        .waitFor();
    Process broker = run(List.of("kafka.Kafka", config.toString()), log);
    Runtime.getRuntime().addShutdownHook(new Thread(broker::destroyForcibly));
    EmbeddedBroker embedded = new EmbeddedBroker(dir, broker, "localhost:" + port);
    embedded.awaitReady(port, log);
    return embedded;
  }

  private static Process run(List<String> mainAndArgs, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = Stream.concat(
        Stream.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path")), mainAndArgs.stream()).toList();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  private void awaitReady(int port, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // an admin client logs a warning for every refused connection: it waits for the listener instead
    while (!accepts(port) && System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the embedded Kafka broker exited with " + process.exitValue() + "; its log: " + log);
      }
      Thread.sleep(100);
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("the embedded Kafka broker exited with " + process.exitValue() + "; its log: " + log);
        }
        try {
          admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
          return;
        } catch (Exception notYet) {
          Thread.sleep(250);
        }
      }
    }
    close();
    throw new IOException("the embedded Kafka broker was not ready after " + READY_TIMEOUT.toSeconds() + " s; its log: " + log);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker (killed if it takes over 30 s, or if this thread is interrupted) and deletes its files. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
