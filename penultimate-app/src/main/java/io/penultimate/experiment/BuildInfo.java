package io.penultimate.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions recorded at build time (Maven resource filtering) for provenance. */
final class BuildInfo {
  private static final Properties PROPERTIES = load();

  private BuildInfo() {}

  static String penultimateVersion() {
    return PROPERTIES.getProperty("penultimate.version", "dev");
  }

  static String dl4jVersion() {
    return PROPERTIES.getProperty("dl4j.version", "unknown");
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/penultimate-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
