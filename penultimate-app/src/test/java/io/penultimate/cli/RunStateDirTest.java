package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateDirTest {

  @Test
  void aRunsStateDirectoryLivesUnderItsWorkDirectoryAndIsGoneAfterwards(@TempDir Path work) throws Exception {
    Path state;
    try (RunStateDir dir = RunStateDir.create(work, "demo-1")) {
      state = dir.path();
      Files.writeString(Files.createDirectories(state.resolve("app").resolve("0_0")).resolve(".checkpoint"), "x");
    }
    assertThat(state).isEqualTo(work.resolve("state").resolve("demo-1")).doesNotExist();
    assertThat(work.resolve("state")).isDirectory();
  }
}
