package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.stream.MonitorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** serve's flags are the configuration's settings: same names, same defaults, all checked at once. */
class ServeOptionsTest {

  @Test
  void namesEveryBadFlagInOneLineBeforeReadingAnyFile() {
    StringWriter err = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("serve", "--model", "missing.zip", "--encoders", "missing.json", "--batch-size", "0", "--label-grace", "soon");
    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).hasLineCount(1)
        .contains("--batch-size must be at least 1, found '0'")
        .contains("--label-grace must be an ISO-8601 duration")
        .doesNotContain("missing.zip");
  }

  @Test
  void offersEverySettingWithItsDefaultInTheHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("serve", "--help")).isZero();
    String help = out.toString().replaceAll("\\s+", " ");
    for (MonitorConfig.Setting setting : MonitorConfig.SETTINGS) {
      assertThat(help).as(setting.key()).contains(setting.flag());
      if (setting.defaultValue() != null) {
        assertThat(help).contains("(default: " + setting.defaultValue() + ")");
      }
    }
  }
}
