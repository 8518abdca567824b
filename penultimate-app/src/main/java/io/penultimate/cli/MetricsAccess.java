package io.penultimate.cli;

import io.penultimate.metrics.MetricsEndpoint;
import io.penultimate.stream.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * How {@code serve} exposes /metrics, from its flags and environment. Passwords come from a file
 * or an environment variable, never from a flag's value (which {@code ps} and shell histories
 * show); they go nowhere but the server, and no message names one.
 */
final class MetricsAccess {
  static final String PASSWORD_ENV = "PENULTIMATE_METRICS_PASSWORD";
  static final String TLS_PASSWORD_ENV = "PENULTIMATE_METRICS_TLS_PASSWORD";

  private MetricsAccess() {}

  /**
   * @throws UsageException when a password file is given without what it is for, or a user or
   *     keystore without its password
   * @throws IOException when a password file cannot be read, naming the file
   */
  static MetricsEndpoint endpoint(MonitorConfig config, Function<String, String> env) throws IOException {
    requireWith(config.metricsPasswordFile(), "--metrics-password-file", config.metricsUser().isPresent(), "--metrics-user");
    requireWith(config.metricsTlsPasswordFile(), "--metrics-tls-password-file", config.metricsTlsKeystore().isPresent(),
        "--metrics-tls-keystore");
    Optional<MetricsEndpoint.Credentials> credentials = Optional.empty();
    if (config.metricsUser().isPresent()) {
      String password = secret(config.metricsPasswordFile(), env, PASSWORD_ENV, "--metrics-user", "--metrics-password-file");
      credentials = Optional.of(new MetricsEndpoint.Credentials(config.metricsUser().get(), password));
    }
    Optional<MetricsEndpoint.Keystore> tls = Optional.empty();
    if (config.metricsTlsKeystore().isPresent()) {
      Path keystore = config.metricsTlsKeystore().get();
      if (!Files.isReadable(keystore)) {
        throw new UsageException("--metrics-tls-keystore " + keystore + ": no such readable file; give a PKCS12 keystore");
      }
      String password = secret(config.metricsTlsPasswordFile(), env, TLS_PASSWORD_ENV, "--metrics-tls-keystore", "--metrics-tls-password-file");
      tls = Optional.of(new MetricsEndpoint.Keystore(keystore, password));
    }
    return new MetricsEndpoint(config.metricsBind(), config.metricsPort(), credentials, tls);
  }

  private static void requireWith(Optional<Path> file, String fileFlag, boolean given, String flag) {
    if (file.isPresent() && !given) {
      throw new UsageException(fileFlag + " is only used with " + flag + "; add " + flag + " or drop " + fileFlag);
    }
  }

  /** The first line of the file if given, else the variable; a file wins so that a stray variable cannot override it. */
  private static String secret(Optional<Path> file, Function<String, String> env, String variable, String flag, String fileFlag)
      throws IOException {
    if (file.isPresent()) {
      String password;
      try {
        password = Files.readAllLines(file.get()).stream().findFirst().orElse("");
      } catch (IOException e) {
        throw new IOException("cannot read " + fileFlag + " " + file.get() + " (" + e.getClass().getSimpleName() + ")", e);
      }
      if (password.isEmpty()) {
        throw new UsageException(fileFlag + " " + file.get() + " is empty; its first line is the password");
      }
      return password;
    }
    String password = env.apply(variable);
    if (password == null || password.isEmpty()) {
      throw new UsageException(flag + " needs a password: give " + fileFlag + " FILE or set $" + variable);
    }
    return password;
  }
}
