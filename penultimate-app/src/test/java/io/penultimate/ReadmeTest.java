package io.penultimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.cli.Penultimate;
import io.penultimate.stream.MonitorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README documents what the code does (tests run from the repository root). */
class ReadmeTest {
  private static final Path README = Path.of("README.md");

  @Test
  void listsEveryMonitorSettingWithItsDefault() throws Exception {
    String readme = Files.readString(README);
    for (MonitorConfig.Setting setting : MonitorConfig.SETTINGS) {
      String value = setting.defaultValue() == null ? "" : "`" + setting.defaultValue() + "`";
      assertThat(readme).as(setting.key()).contains("| `" + setting.flag() + "` | " + value + " |");
    }
  }

  @Test
  void namesEveryModuleOfTheBuild() throws Exception {
    String readme = Files.readString(README);
    String pom = Files.readString(Path.of("pom.xml"));
    for (String module : pom.split("<module>")) {
      if (module.contains("</module>")) {
        assertThat(readme).contains("`" + module.substring(0, module.indexOf("</module>")) + "`");
      }
    }
  }

  /**
   * Every command line of "Monitor your own model" (PyTorch, DL4J, the fixtures) is one the CLI
   * accepts: the command exists, each flag is one of its options, every required option is there.
   * Parsed only, nothing runs; a trailing comment is not part of the command.
   */
  @Test
  void monitorYourOwnModelShowsOnlyCommandLinesTheCliAccepts() throws Exception {
    String readme = Files.readString(README);
    String section = readme.substring(readme.indexOf("## Monitor your own model"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    List<String> commands = section.lines().filter(line -> line.startsWith("./penultimate ")).toList();

    assertThat(commands).as("the section's command lines").hasSizeGreaterThanOrEqualTo(13);
    for (String command : commands) {
      String line = command.contains(" #") ? command.substring(0, command.indexOf(" #")) : command;
      String[] args = line.substring("./penultimate ".length()).trim().split("\\s+");
      CommandLine cli = Penultimate.commandLine();
      try {
        cli.parseArgs(args);
      } catch (CommandLine.ParameterException e) {
        throw new AssertionError("README: '" + line + "': " + e.getMessage(), e);
      }
    }
  }
}
