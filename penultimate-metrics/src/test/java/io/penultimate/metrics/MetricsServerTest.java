package io.penultimate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.penultimate.stream.TestCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint as a scraper and a probe see it, over real sockets. */
class MetricsServerTest {
  private static final MetricsEndpoint.Credentials SCRAPER = new MetricsEndpoint.Credentials("prometheus", "s3cret-" + System.nanoTime());
  private static final HttpClient PLAIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private PrometheusMeterRegistry registry;

  @BeforeEach
  void oneMeter() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("penultimate.events", "outcome", "scored").increment(3);
  }

  private static HttpResponse<String> get(HttpClient client, String url, Optional<MetricsEndpoint.Credentials> as) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    as.ifPresent(credentials -> request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8))));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String base(MetricsServer server) {
    return server.metricsUrl().substring(0, server.metricsUrl().length() - "/metrics".length());
  }

  @Test
  void listensOnlyOnTheBindAddress() throws Exception {
    MetricsEndpoint endpoint = new MetricsEndpoint(Optional.of("127.0.0.2"), 0, Optional.empty(), Optional.empty());
    try (MetricsServer server = new MetricsServer(endpoint, registry, () -> State.RUNNING)) {
      assertThat(server.metricsUrl()).isEqualTo("http://127.0.0.2:" + server.port() + "/metrics");
      assertThat(get(PLAIN, server.metricsUrl(), Optional.empty()).statusCode()).isEqualTo(200);
      // another loopback address, same port: nothing listens there
      assertThatThrownBy(() -> get(PLAIN, "http://127.0.0.1:" + server.port() + "/metrics", Optional.empty()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aPortInUseStopsWithTheAddressAndPortNamed() throws Exception {
    MetricsEndpoint endpoint = new MetricsEndpoint(Optional.of("127.0.0.1"), 0, Optional.empty(), Optional.empty());
    try (MetricsServer first = new MetricsServer(endpoint, registry, () -> State.RUNNING)) {
      MetricsEndpoint taken = new MetricsEndpoint(Optional.of("127.0.0.1"), first.port(), Optional.empty(), Optional.empty());
      assertThatThrownBy(() -> new MetricsServer(taken, registry, () -> State.RUNNING))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot listen on 127.0.0.1:" + first.port() + " for /metrics and /health: ");
    }
  }

  @Test
  void withoutABindAddressListensOnEveryInterfaceAsBefore() throws Exception {
    try (MetricsServer server = new MetricsServer(0, registry, () -> State.RUNNING)) {
      assertThat(server.metricsUrl()).isEqualTo("http://localhost:" + server.port() + "/metrics");
      for (String host : List.of("127.0.0.1", "127.0.0.2")) {
        assertThat(get(PLAIN, "http://" + host + ":" + server.port() + "/metrics", Optional.empty()).body())
            .contains("penultimate_events_total{outcome=\"scored\"} 3.0");
      }
    }
  }

  @Test
  void asksForTheCredentialsOnMetricsButLeavesHealthOpen() throws Exception {
    MetricsEndpoint endpoint = new MetricsEndpoint(Optional.of("127.0.0.1"), 0, Optional.of(SCRAPER), Optional.empty());
    try (MetricsServer server = new MetricsServer(endpoint, registry, () -> State.REBALANCING)) {
      HttpResponse<String> anonymous = get(PLAIN, server.metricsUrl(), Optional.empty());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
      assertThat(anonymous.body()).doesNotContain("penultimate_events_total");
      MetricsEndpoint.Credentials wrongPassword = new MetricsEndpoint.Credentials(SCRAPER.user(), SCRAPER.password() + "x");
      assertThat(get(PLAIN, server.metricsUrl(), Optional.of(wrongPassword)).statusCode()).isEqualTo(401);
      MetricsEndpoint.Credentials wrongUser = new MetricsEndpoint.Credentials("grafana", SCRAPER.password());
      assertThat(get(PLAIN, server.metricsUrl(), Optional.of(wrongUser)).statusCode()).isEqualTo(401);

      HttpResponse<String> scraped = get(PLAIN, server.metricsUrl(), Optional.of(SCRAPER));
      assertThat(scraped.statusCode()).isEqualTo(200);
      assertThat(scraped.body()).contains("penultimate_events_total{outcome=\"scored\"} 3.0");
      // probes carry no credentials: a rebalancing instance is alive but not ready
      assertThat(get(PLAIN, base(server) + "/health/live", Optional.empty()).statusCode()).isEqualTo(200);
      assertThat(get(PLAIN, base(server) + "/health/ready", Optional.empty()).statusCode()).isEqualTo(503);
      assertThat(get(PLAIN, base(server) + "/health", Optional.empty()).body()).isEqualTo("{\"state\":\"REBALANCING\"}");
    }
  }

  @Test
  void servesEveryPathOverTlsWithTheKeystoreAndRefusesPlainHttp() throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir, "keystore-pw-" + System.nanoTime());
    MetricsEndpoint endpoint = new MetricsEndpoint(Optional.of("127.0.0.1"), 0, Optional.of(SCRAPER),
        Optional.of(new MetricsEndpoint.Keystore(certificate.keystore(), certificate.password())));
    try (MetricsServer server = new MetricsServer(endpoint, registry, () -> State.RUNNING)) {
      assertThat(server.metricsUrl()).startsWith("https://127.0.0.1:");
      HttpClient trusting = HttpClient.newBuilder().sslContext(certificate.trustingClientContext()).connectTimeout(Duration.ofSeconds(5)).build();
      assertThat(get(trusting, server.metricsUrl(), Optional.of(SCRAPER)).body()).contains("penultimate_events_total");
      assertThat(get(trusting, server.metricsUrl(), Optional.empty()).statusCode()).isEqualTo(401);
      assertThat(get(trusting, base(server) + "/health/ready", Optional.empty()).statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> get(PLAIN, "http://127.0.0.1:" + server.port() + "/metrics", Optional.of(SCRAPER)))
          .isInstanceOf(IOException.class);
      // nor does a client that does not trust the certificate get an answer
      assertThatThrownBy(() -> get(PLAIN, server.metricsUrl(), Optional.of(SCRAPER))).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aWrongKeystorePasswordStopsWithTheFileNamedButNotThePassword() throws Exception {
    TestCertificate certificate = TestCertificate.generate(dir, "right-pw-" + System.nanoTime());
    String wrong = "wrong-pw-" + System.nanoTime();
    MetricsEndpoint endpoint = new MetricsEndpoint(Optional.empty(), 0, Optional.empty(),
        Optional.of(new MetricsEndpoint.Keystore(certificate.keystore(), wrong)));
    assertThatThrownBy(() -> new MetricsServer(endpoint, registry, () -> State.RUNNING))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(certificate.keystore().toString())
        .hasMessageNotContaining(wrong)
        .hasMessageNotContaining(certificate.password());
    assertThat(endpoint.toString()).doesNotContain(wrong);
    assertThat(SCRAPER.toString()).contains("prometheus").doesNotContain(SCRAPER.password());
  }
}
