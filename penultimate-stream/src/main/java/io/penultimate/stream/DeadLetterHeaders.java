package io.penultimate.stream;

/** Headers added to a dead-letter record; the value and the original headers are kept unchanged. */
public final class DeadLetterHeaders {
  public static final String REASON = "penultimate.dlq.reason";
  public static final String TOPIC = "penultimate.dlq.topic";
  public static final String PARTITION = "penultimate.dlq.partition";
  public static final String OFFSET = "penultimate.dlq.offset";

  private DeadLetterHeaders() {}
}
