package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.metrics.MetricsEndpoint;
import io.penultimate.stream.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsAccessTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @TempDir Path dir;

  private static MetricsEndpoint endpoint(MonitorConfig config, Map<String, String> env) throws IOException {
    return MetricsAccess.endpoint(config.validate(), env::get);
  }

  @Test
  void withoutFlagsListensOnEveryInterfaceOfThePortWithoutAuthenticationOrTls() throws Exception {
    assertThat(endpoint(MonitorConfig.DEFAULT, Map.of(MetricsAccess.PASSWORD_ENV, "unused")))
        .isEqualTo(MetricsEndpoint.open(9404));
  }

  @Test
  void takesTheFirstLineOfThePasswordFileOverTheEnvironment() throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "from-file\nsecond line\n");
    MonitorConfig config = MonitorConfig.DEFAULT.with("metrics-bind", "127.0.0.1").with("metrics-user", "prometheus")
        .with("metrics-password-file", file.toString());
    MetricsEndpoint endpoint = endpoint(config, Map.of(MetricsAccess.PASSWORD_ENV, "from-env"));
    assertThat(endpoint.bindAddress()).hasValue("127.0.0.1");
    assertThat(endpoint.basicAuth()).hasValue(new MetricsEndpoint.Credentials("prometheus", "from-file"));
  }

  @Test
  void takesThePasswordFromTheEnvironmentWithoutAFile() throws Exception {
    MonitorConfig config = MonitorConfig.DEFAULT.with("metrics-user", "prometheus");
    assertThat(endpoint(config, Map.of(MetricsAccess.PASSWORD_ENV, "from-env")).basicAuth())
        .hasValue(new MetricsEndpoint.Credentials("prometheus", "from-env"));
  }

  @Test
  void aUserWithoutAPasswordIsAUsageErrorNamingBothWaysToGiveOne() {
    MonitorConfig config = MonitorConfig.DEFAULT.with("metrics-user", "prometheus");
    assertThatThrownBy(() -> endpoint(config, NO_ENV))
        .isInstanceOf(UsageException.class)
        .hasMessage("--metrics-user needs a password: give --metrics-password-file FILE or set $PENULTIMATE_METRICS_PASSWORD");
  }

  @Test
  void aPasswordFileWithoutAUserIsAUsageError() throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "pw\n");
    MonitorConfig config = MonitorConfig.DEFAULT.with("metrics-password-file", file.toString());
    assertThatThrownBy(() -> endpoint(config, NO_ENV))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--metrics-password-file is only used with --metrics-user");
  }

  @Test
  void anUnreadablePasswordFileIsNamedAndAnEmptyOneRefused() throws Exception {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> endpoint(MonitorConfig.DEFAULT.with("metrics-user", "p").with("metrics-password-file", missing.toString()), NO_ENV))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot read --metrics-password-file " + missing + " (NoSuchFileException)");
    Path empty = Files.writeString(dir.resolve("empty"), "");
    assertThatThrownBy(() -> endpoint(MonitorConfig.DEFAULT.with("metrics-user", "p").with("metrics-password-file", empty.toString()), NO_ENV))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("is empty");
  }

  @Test
  void aKeystoreTakesItsPasswordFromTheEnvironmentAndMustExist() throws Exception {
    Path keystore = Files.writeString(dir.resolve("metrics.p12"), "not read here");
    MonitorConfig config = MonitorConfig.DEFAULT.with("metrics-tls-keystore", keystore.toString());
    assertThat(endpoint(config, Map.of(MetricsAccess.TLS_PASSWORD_ENV, "store-pw")).tls())
        .hasValue(new MetricsEndpoint.Keystore(keystore, "store-pw"));
    assertThatThrownBy(() -> endpoint(config, NO_ENV))
        .isInstanceOf(UsageException.class)
        .hasMessage("--metrics-tls-keystore needs a password: give --metrics-tls-password-file FILE or set $PENULTIMATE_METRICS_TLS_PASSWORD");
    MonitorConfig absent = MonitorConfig.DEFAULT.with("metrics-tls-keystore", dir.resolve("absent.p12").toString());
    assertThatThrownBy(() -> endpoint(absent, Map.of(MetricsAccess.TLS_PASSWORD_ENV, "store-pw")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("absent.p12: no such readable file");
  }

  @Test
  void aUserWithAColonIsRefusedByTheConfiguration() {
    assertThat(MonitorConfig.DEFAULT.with("metrics-user", "a:b").problems())
        .containsExactly("--metrics-user must not contain ':' (basic authentication separates user and password by it), found 'a:b'");
  }

  @Test
  void serveStopsWithOneLineOnAnEmptyPasswordFileBeforeReadingTheModel() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), "");
    CliRun run = CliRun.of("serve", "--model", "m.zip", "--encoders", "e.json", "--metrics-user", "prometheus",
        "--metrics-password-file", empty.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).hasLineCount(1).startsWith("penultimate: --metrics-password-file");
  }
}
