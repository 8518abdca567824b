package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakBenchTest {
  @TempDir Path dir;

  @Test
  void sendsRateTimesDurationEvents() {
    SoakBench.Settings settings =
        new SoakBench.Settings(250, Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(2), true);

    assertThat(settings.events()).isEqualTo(450_000);
  }

  @Test
  void refusesSettingsThatLeaveFewerThanTwoSamplesForTheSlopes() {
    assertThatThrownBy(() -> new SoakBench.Settings(10, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ZERO, true))
        .hasMessageContaining("two samples after the warm-up");
    assertThatThrownBy(() -> new SoakBench.Settings(0, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, true))
        .hasMessageContaining("found 0.0, PT5M");
    assertThatThrownBy(() -> new SoakBench.Settings(10, Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, Duration.ZERO, true))
        .hasMessageContaining("must be positive");
  }

  @Test
  void weighsTheStateDirectoryAsTheSizeOfEveryFileUnderIt() throws IOException {
    Files.write(dir.resolve("CURRENT"), new byte[16]);
    Path store = Files.createDirectories(dir.resolve("0_1").resolve("rocksdb").resolve("pending"));
    Files.write(store.resolve("000007.sst"), new byte[4096]);
    Files.write(store.resolve("MANIFEST-000005"), new byte[100]);

    assertThat(SoakBench.directoryBytes(dir)).isEqualTo(16 + 4096 + 100);
  }
}
