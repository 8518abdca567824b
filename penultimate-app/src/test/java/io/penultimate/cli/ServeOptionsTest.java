package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.stream.MonitorConfig;
import org.junit.jupiter.api.Test;

/** serve's flags are the configuration's settings: same names, same defaults, all checked at once. */
class ServeOptionsTest {

  @Test
  void namesEveryBadFlagInOneLineBeforeReadingAnyFile() {
    CliRun run = CliRun.of("serve", "--model", "missing.zip", "--encoders", "missing.json", "--batch-size", "0", "--label-grace", "soon");
    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).hasLineCount(1)
        .contains("--batch-size must be at least 1, found '0'")
        .contains("--label-grace must be an ISO-8601 duration")
        .doesNotContain("missing.zip");
  }

  @Test
  void offersEverySettingWithItsDefaultInTheHelp() {
    CliRun run = CliRun.of("serve", "--help");
    assertThat(run.code()).isZero();
    String help = run.out().replaceAll("\\s+", " ");
    for (MonitorConfig.Setting setting : MonitorConfig.SETTINGS) {
      assertThat(help).as(setting.key()).contains(setting.flag());
      if (setting.defaultValue() != null) {
        assertThat(help).contains("(default: " + setting.defaultValue() + ")");
      }
    }
  }
}
