package io.penultimate.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The process's HTTP side: {@code /metrics} in the Prometheus text format, {@code /health/ready}
 * (200 only while Streams is RUNNING: a rebalancing instance should not take traffic checks),
 * {@code /health/live} (200 unless Streams has failed or stopped, so a rebalance never restarts the
 * pod) and {@code /health} (= ready). The JDK's built-in server: two endpoints need no framework.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Set<State> DEAD = EnumSet.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING);

  private final HttpServer server;

  public MetricsServer(int port, PrometheusMeterRegistry registry, Supplier<State> state) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext("/health/ready", exchange -> health(exchange, state.get(), state.get() == State.RUNNING));
    server.createContext("/health/live", exchange -> health(exchange, state.get(), !DEAD.contains(state.get())));
    server.createContext("/health", exchange -> health(exchange, state.get(), state.get() == State.RUNNING));
    server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "penultimate-metrics-http");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void health(HttpExchange exchange, State state, boolean ok) throws IOException {
    respond(exchange, ok ? 200 : 503, "application/json", "{\"state\":\"" + state + "\"}");
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
