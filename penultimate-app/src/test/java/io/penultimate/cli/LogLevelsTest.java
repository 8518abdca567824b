package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LogLevelsTest {

  @Test
  void setsTheDefaultAndEveryConfiguredLoggerToTheLevel() {
    Properties configured = new Properties();
    configured.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    configured.setProperty("org.slf4j.simpleLogger.log.io.penultimate", "warn");
    configured.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    configured.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    Properties system = new Properties();
    LogLevels.apply("INFO", system, configured);
    assertThat(system).containsOnly(
        entry("org.slf4j.simpleLogger.defaultLogLevel", "info"),
        entry("org.slf4j.simpleLogger.log.io.penultimate", "info"),
        entry("org.slf4j.simpleLogger.log.org.apache.kafka", "info"));
  }

  @Test
  void refusesAnUnknownLevelNamingIt() {
    assertThatThrownBy(() -> LogLevels.apply("loud", new Properties(), new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loud'");
  }

  @Test
  void anUnknownLevelAfterTheCommandExitsTwoWithOneLine() {
    StringWriter err = new StringWriter();
    var cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("train", "--log-level", "loud")).isEqualTo(2);
    assertThat(err.toString()).contains("--log-level").contains("'loud'").hasLineCount(1);
  }
}
