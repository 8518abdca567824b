package io.penultimate.stream;

/**
 * The cluster cannot serve the monitor's topics as the topology needs them (missing, wrongly
 * partitioned, not authorised, not reachable); the message is one line naming the topics and the
 * fix. The CLI turns it into exit code 1.
 */
public final class TopicCheckException extends RuntimeException {
  TopicCheckException(String message) {
    super(message);
  }

  TopicCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
