package io.penultimate.stream;

import io.penultimate.stream.EventParser.InputFormat;

/** Everything about the monitor's topology that a user chooses: topics, limits, batching, windows. */
public record MonitorConfig(
    Topics topics, InputFormat inputFormat, int maxEventBytes, ScoringSettings scoring, BatchSettings batch, QualitySettings quality) {

  /** Defaults for everything but the topics and scoring settings. */
  public static MonitorConfig of(Topics topics, ScoringSettings scoring) {
    return new MonitorConfig(topics, InputFormat.JSON, 1 << 20, scoring, BatchSettings.defaults(), QualitySettings.defaults());
  }

  /** The same settings, with the scored records naming these model and bundle versions. */
  public MonitorConfig withVersions(String modelVersion, String encoderVersion) {
    ScoringSettings versioned =
        new ScoringSettings(scoring.oodScore(), scoring.nodeEncoder(), scoring.lowestNodes(), modelVersion, encoderVersion);
    return new MonitorConfig(topics, inputFormat, maxEventBytes, versioned, batch, quality);
  }
}
