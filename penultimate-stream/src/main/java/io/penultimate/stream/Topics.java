package io.penultimate.stream;

/**
 * The topics the monitor reads and writes. {@code labels} must be co-partitioned with {@code
 * events} (same partition count, keyed by event id); {@code outcomes} must have one partition so
 * that the rolling quality window sees every labelled event.
 */
public record Topics(String events, String scores, String deadLetters, String labels, String outcomes, String quality) {
  /** The six topics {@code prefix.events}, {@code prefix.scores}, {@code prefix.dlq}, and so on. */
  public static Topics withPrefix(String prefix) {
    return new Topics(prefix + ".events", prefix + ".scores", prefix + ".dlq", prefix + ".labels", prefix + ".outcomes", prefix + ".quality");
  }
}
