package io.penultimate.metrics;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where and how {@link MetricsServer} listens: the address to bind (empty: every interface), the
 * port (0: any free one), and optionally basic authentication for {@code /metrics} and TLS for
 * every path. The health paths stay open to probes; only {@code /metrics} asks for credentials.
 */
public record MetricsEndpoint(Optional<String> bindAddress, int port, Optional<Credentials> basicAuth, Optional<Keystore> tls) {
  public MetricsEndpoint {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, found " + port);
    }
  }

  /** Every interface, no authentication, plain HTTP: what a port alone configures. */
  public static MetricsEndpoint open(int port) {
    return new MetricsEndpoint(Optional.empty(), port, Optional.empty(), Optional.empty());
  }

  /** The user and password {@code /metrics} asks for; the password never appears in {@link #toString()}. */
  public record Credentials(String user, String password) {
    public Credentials {
      if (user.isEmpty() || user.contains(":")) {
        throw new IllegalArgumentException("the metrics user must be non-empty and without ':', found '" + user + "'");
      }
      if (password.isEmpty()) {
        throw new IllegalArgumentException("the metrics password must not be empty");
      }
    }

    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=[hidden]]";
    }
  }

  /** A PKCS12 keystore holding the server's key and certificate; the password never appears in {@link #toString()}. */
  public record Keystore(Path file, String password) {
    @Override
    public String toString() {
      return "Keystore[file=" + file + ", password=[hidden]]";
    }
  }
}
