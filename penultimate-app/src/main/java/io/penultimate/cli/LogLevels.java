package io.penultimate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code --log-level} and {@code PENULTIMATE_LOG_LEVEL}. slf4j-simple takes a logger's level from
 * the system properties, then {@code simplelogger.properties}, when the logger is created (the
 * default level once, with the first logger), so these are set while the command line is parsed,
 * before any library has created one.
 */
final class LogLevels {
  static final String ENV = "PENULTIMATE_LOG_LEVEL";
  static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");
  private static final String PREFIX = "org.slf4j.simpleLogger.";

  private LogLevels() {}

  /** Sets the default level and every level {@code simplelogger.properties} names to {@code level}. */
  static void apply(String level) {
    apply(level, System.getProperties(), configured());
  }

  static void apply(String level, Properties system, Properties configured) {
    String normalised = level.strip().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normalised)) {
      throw new IllegalArgumentException("'" + level + "' is not one of " + String.join(", ", LEVELS));
    }
    system.setProperty(PREFIX + "defaultLogLevel", normalised);
    configured.stringPropertyNames().stream()
        .filter(name -> name.startsWith(PREFIX + "log."))
        .forEach(name -> system.setProperty(name, normalised));
  }

  private static Properties configured() {
    Properties properties = new Properties();
    try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
