package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateDirsTest {
  private static final Path HOME = Path.of("/home/someone");

  @Test
  void serveDefaultsToTheEnvironmentVariableFirst() {
    assertThat(StateDirs.serveDefault(Map.of("PENULTIMATE_STATE_DIR", "/var/lib/p", "XDG_STATE_HOME", "/x"), HOME))
        .isEqualTo(Path.of("/var/lib/p"));
  }

  @Test
  void serveDefaultsToTheXdgStateHomeThenToTheHomeDirectoryNeverTmp() {
    assertThat(StateDirs.serveDefault(Map.of("XDG_STATE_HOME", "/x", "PENULTIMATE_STATE_DIR", " "), HOME))
        .isEqualTo(Path.of("/x/penultimate"));
    assertThat(StateDirs.serveDefault(Map.of(), HOME)).isEqualTo(Path.of("/home/someone/.local/state/penultimate"));
  }
}
