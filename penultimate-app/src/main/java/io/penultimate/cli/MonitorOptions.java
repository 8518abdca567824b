package io.penultimate.cli;

import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.MonitorConfig.Setting;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The monitor's settings as command-line options, declared from {@link MonitorConfig#SETTINGS}
 * so that flags, defaults and help cannot drift from the configuration. Values stay strings
 * until {@link MonitorConfig#validate()}, which names every bad flag at once.
 */
final class MonitorOptions {
  private MonitorOptions() {}

  /** {@code serve}: every setting. */
  static final class All implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      MonitorConfig.SETTINGS.forEach(setting -> spec.addOption(option(setting)));
      return spec;
    }
  }

  /** {@code demo} and {@code bench stream}: the settings that shape the scoring, not the topics or the cluster. */
  static final class Tuning implements CommandLine.IModelTransformer {
    private static final Set<String> KEYS = Set.of("batch-size", "batch-linger", "input-format", "oip-input", "window", "label-grace",
        "metrics-port", "node-window", "node-metrics-cap", "node-encoder", "lowest-nodes", "scores", "processing-guarantee");

    @Override
    public CommandSpec transform(CommandSpec spec) {
      MonitorConfig.SETTINGS.stream().filter(setting -> KEYS.contains(setting.key())).forEach(setting -> spec.addOption(option(setting)));
      return spec;
    }
  }

  /** The configuration with every {@code -Dkafka.*} system property of this JVM, which wins. */
  static MonitorConfig withKafkaSystemProperties(MonitorConfig config) {
    MonitorConfig with = config;
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(MonitorConfig.KAFKA_PREFIX)) {
        with = with.with(name, System.getProperty(name));
      }
    }
    return with;
  }

  /**
   * The configuration the user gave on this command line; settings not given keep their defaults.
   *
   * @throws UsageException naming every invalid flag
   */
  static MonitorConfig read(CommandSpec spec) {
    Map<String, String> values = new LinkedHashMap<>();
    for (OptionSpec option : spec.options()) {
      String key = option.longestName().substring(2);
      if (MonitorConfig.isSetting(key) && spec.commandLine().getParseResult().hasMatchedOption(option)) {
        values.put(key, option.getValue());
      }
    }
    try {
      return MonitorConfig.of(values).validate();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static OptionSpec option(Setting setting) {
    String description = setting.description() + (setting.defaultValue() == null ? "." : " (default: " + setting.defaultValue() + ").");
    OptionSpec.Builder option = OptionSpec.builder(setting.flag()).type(String.class).description(description);
    // a setting that defaults to false is a switch: the flag alone turns it on
    return "false".equals(setting.defaultValue())
        ? option.arity("0..1").fallbackValue("true").paramLabel("true|false").build()
        : option.paramLabel("<" + setting.key() + ">").build();
  }
}
