package io.penultimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.stream.MonitorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
