package io.penultimate.stream;

/**
 * The topics the monitor reads and writes. {@code labels} must be co-partitioned with {@code
 * events} (same partition count, keyed by event id); {@code outcomes} must have one partition so
 * that the rolling quality window sees every labelled event.
 */
public record Topics(String events, String scores, String deadLetters, String labels, String outcomes, String quality) {
  public static Topics defaults() {
    return new Topics(
        "penultimate.events", "penultimate.scores", "penultimate.dlq", "penultimate.labels", "penultimate.outcomes",
        "penultimate.quality");
  }
}
