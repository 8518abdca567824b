package io.penultimate.metrics;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The process's HTTP side: {@code /metrics} in the Prometheus text format, {@code /health/ready}
 * (200 only while Streams is RUNNING: a rebalancing instance should not take traffic checks),
 * {@code /health/live} (200 unless Streams has failed or stopped, so a rebalance never restarts the
 * pod) and {@code /health} (= ready). The JDK's built-in server: two endpoints need no framework,
 * and its {@code HttpsServer} and {@code BasicAuthenticator} give TLS and basic authentication
 * ({@link MetricsEndpoint}). The bodies carry meter values and a state name, never event content.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Set<State> DEAD = EnumSet.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING);

  private final HttpServer server;
  private final boolean tls;

  public MetricsServer(int port, PrometheusMeterRegistry registry, Supplier<State> state) throws IOException {
    this(MetricsEndpoint.open(port), registry, state);
  }

  /** @throws IOException when the address cannot be bound or the keystore cannot be read, saying which */
  public MetricsServer(MetricsEndpoint endpoint, PrometheusMeterRegistry registry, Supplier<State> state) throws IOException {
    InetSocketAddress address = endpoint.bindAddress().map(host -> new InetSocketAddress(host, endpoint.port()))
        .orElseGet(() -> new InetSocketAddress(endpoint.port()));
    if (address.isUnresolved()) {
      throw new IOException("cannot resolve the metrics bind address '" + endpoint.bindAddress().orElseThrow() + "'");
    }
    tls = endpoint.tls().isPresent();
    try {
      server = endpoint.tls().isPresent() ? https(address, endpoint.tls().get()) : HttpServer.create(address, 0);
    } catch (BindException e) {
      // the JDK says only "Address already in use" or "Cannot assign requested address"
      throw new IOException("cannot listen on " + address.getAddress().getHostAddress() + ":" + address.getPort()
          + " for /metrics and /health: " + e.getMessage() + "; choose another metrics bind address or port", e);
    }
    HttpContext metrics = server.createContext("/metrics",
        exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    endpoint.basicAuth().ifPresent(credentials -> metrics.setAuthenticator(authenticator(credentials)));
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

  private static HttpsServer https(InetSocketAddress address, MetricsEndpoint.Keystore keystore) throws IOException {
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(sslContext(keystore)));
    return server;
  }

  private static SSLContext sslContext(MetricsEndpoint.Keystore keystore) throws IOException {
    char[] password = keystore.password().toCharArray();
    try (InputStream in = Files.newInputStream(keystore.file())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      // the message of a wrong password names neither the password nor anything derived from it
      throw new IOException("cannot read the metrics TLS keystore " + keystore.file() + " as PKCS12: " + e.getMessage(), e);
    }
  }

  /** Compares in constant time, so that response times say nothing about how much of a guess was right. */
  private static BasicAuthenticator authenticator(MetricsEndpoint.Credentials credentials) {
    byte[] user = credentials.user().getBytes(StandardCharsets.UTF_8);
    byte[] password = credentials.password().getBytes(StandardCharsets.UTF_8);
    return new BasicAuthenticator("penultimate metrics", StandardCharsets.UTF_8) {
      @Override
      public boolean checkCredentials(String givenUser, String givenPassword) {
        boolean userMatches = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
      }
    };
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The URL of {@code /metrics} as this server answers it, by the bound address. */
  public String metricsUrl() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getAddress().getHostAddress();
    return (tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/metrics";
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
