package io.penultimate.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka cluster on 127.0.0.1 of N nodes, each a combined KRaft broker and controller in a
 * child JVM started from the {@code kafka_2.13} jar on our class path (storage formatted with
 * {@code StorageTool}, then {@code kafka.Kafka}): child processes keep the brokers' threads and
 * heaps apart from ours, die with us, and can be stopped, killed and restarted one by one. Every
 * topic, the group offsets and the transaction state get one replica per node and need a majority
 * of them in sync, so a cluster of three takes writes with one node down.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  /**
   * The brokers are the stage, not what is measured: the client compiler alone and the serial
   * collector spend less of a small machine's cores on compiling and collecting, which leaves more
   * to the monitors beside them. Measured (bench stream, five alternating pairs, 2026-12-07): with
   * the server compiler the broker used 249 µs of CPU per pass-through event against 93, compiling
   * through the short phases.
   */
  private static final List<String> BROKER_JVM = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Path dir;
  private final List<BrokerNode> nodes;
  private final String bootstrapServers;

  private EmbeddedCluster(Path dir, List<BrokerNode> nodes) {
    this.dir = dir;
    this.nodes = nodes;
    this.bootstrapServers = nodes.stream().map(node -> "127.0.0.1:" + node.port).collect(Collectors.joining(","));
  }

  /** Starts a cluster of {@code size} nodes and returns once every one is a live broker. */
  public static EmbeddedCluster start(int size) throws IOException, InterruptedException {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node, found " + size);
    }
    Path dir = Files.createTempDirectory("penultimate-kafka");
    List<BrokerNode> nodes = new ArrayList<>();
    for (int id = 1; id <= size; id++) {
      nodes.add(new BrokerNode(id, Files.createDirectories(dir.resolve("node-" + id)), freePort(), freePort()));
    }
    String voters = nodes.stream().map(node -> node.id + "@127.0.0.1:" + node.controllerPort).collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    for (BrokerNode node : nodes) {
      Files.writeString(node.config(), node.properties(voters, size));
      Process format = ChildJvm.start(List.of("-Xmx256m"), Map.of(),
          List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", node.config().toString()), node.log());
      if (format.waitFor() != 0) {
        throw new IOException("formatting the storage of Kafka node " + node.id + " failed; its log: " + node.log());
      }
    }
    EmbeddedCluster cluster = new EmbeddedCluster(dir, nodes);
    try {
      // all at once: a controller quorum of three elects a leader only once two of them are up
      for (BrokerNode node : nodes) {
        node.launch();
      }
      for (BrokerNode node : nodes) {
        cluster.awaitBroker(node);
      }
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public int size() {
    return nodes.size();
  }

  /**
   * The CPU time the running nodes' processes have used so far, in nanoseconds, as the operating
   * system counts it (on Linux in clock ticks, 10 ms); NaN when it does not tell.
   */
  public double cpuNanos() {
    double nanos = 0;
    for (BrokerNode node : nodes) {
      if (node.process != null && node.process.isAlive()) {
        nanos += node.process.info().totalCpuDuration().map(Duration::toNanos).map(Long::doubleValue).orElse(Double.NaN);
      }
    }
    return nanos;
  }

  /** Stops node {@code id} (1-based) with SIGTERM, a controlled shutdown, and waits for it to exit. */
  public void stop(int id) throws InterruptedException {
    node(id).stop();
  }

  /** Kills node {@code id} with SIGKILL. */
  public void kill(int id) throws InterruptedException {
    node(id).kill();
  }

  /** Starts a stopped or killed node again on its own log directories and ports; returns once it is a live broker. */
  public void restart(int id) throws IOException, InterruptedException {
    BrokerNode node = node(id);
    if (node.process != null && node.process.isAlive()) {
      throw new IllegalStateException("Kafka node " + id + " is still running");
    }
    node.launch();
    awaitBroker(node);
  }

  private BrokerNode node(int id) {
    if (id < 1 || id > nodes.size()) {
      throw new IllegalArgumentException("no Kafka node " + id + " in a cluster of " + nodes.size());
    }
    return nodes.get(id - 1);
  }

  /** Waits until the node accepts connections, then until the cluster lists it as a broker. */
  private void awaitBroker(BrokerNode node) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    // an admin client logs a warning for every refused connection: it waits for the listener instead
    while (!accepts(node.port) && System.nanoTime() < deadline) {
      node.requireAlive();
      Thread.sleep(100);
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + node.port))) {
      while (System.nanoTime() < deadline) {
        node.requireAlive();
        try {
          if (admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream().map(Node::id).anyMatch(id -> id == node.id)) {
            return;
          }
        } catch (Exception notYet) {
          // the listener is up before the broker has registered with the controllers
        }
        Thread.sleep(250);
      }
    }
    throw new IOException("Kafka node " + node.id + " was not ready after " + READY_TIMEOUT.toSeconds() + " s; its log: " + node.log());
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
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

  /**
   * Kills every node and deletes their files. Nothing is kept, so nothing is lost by not shutting
   * down cleanly; and a controlled shutdown of the last nodes of a cluster would wait for a
   * controller quorum that has gone.
   */
  @Override
  public void close() throws IOException {
    nodes.forEach(BrokerNode::destroy);
    try {
      for (BrokerNode node : nodes) {
        node.kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** One node: its fixed identity, ports and files, and the process running it now, if any. */
  private static final class BrokerNode {
    private final int id;
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    BrokerNode(int id, Path dir, int port, int controllerPort) {
      this.id = id;
      this.dir = dir;
      this.port = port;
      this.controllerPort = controllerPort;
    }

    Path config() {
      return dir.resolve("server.properties");
    }

    Path log() {
      return dir.resolve("broker.log");
    }

    String properties(String voters, int size) {
      // a majority of the replicas: one for a single node (which could otherwise take no write), two of three
      int minInSync = size / 2 + 1;
      return String.join("\n",
          "process.roles=broker,controller",
          "node.id=" + id,
          "controller.quorum.voters=" + voters,
          "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
          "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
          "controller.listener.names=CONTROLLER",
          "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
          "log.dirs=" + dir.resolve("logs"),
          "default.replication.factor=" + size,
          "min.insync.replicas=" + minInSync,
          // internal topics must not ask for more replicas than exist, or groups and transactions stall
          "offsets.topic.replication.factor=" + size,
          "transaction.state.log.replication.factor=" + size,
          "transaction.state.log.min.isr=" + minInSync,
          // ten partitions, not fifty: a cluster of three on two cores creates 60 replicas, not 300, before its first group
          "offsets.topic.num.partitions=10",
          "transaction.state.log.num.partitions=10",
          "group.initial.rebalance.delay.ms=0",
          "");
    }

    void launch() throws IOException {
      process = ChildJvm.start(BROKER_JVM, Map.of(), List.of("kafka.Kafka", config().toString()), log());
    }

    void requireAlive() throws IOException {
      if (!process.isAlive()) {
        throw new IOException("Kafka node " + id + " exited with " + process.exitValue() + "; its log: " + log());
      }
    }

    void stop() throws InterruptedException {
      if (process == null) {
        return;
      }
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }

    void kill() throws InterruptedException {
      if (process != null) {
        process.destroyForcibly().waitFor();
      }
    }

    void destroy() {
      if (process != null) {
        process.destroyForcibly();
      }
    }
  }
}
