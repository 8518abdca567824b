package io.penultimate.stream;

/** The topics the monitor reads and writes. */
public record Topics(String events, String scores, String deadLetters) {
  public static Topics defaults() {
    return new Topics("penultimate.events", "penultimate.scores", "penultimate.dlq");
  }
}
