package io.penultimate.stream;

/** An event that cannot be scored; the message is the reason written to the dead-letter topic. */
public final class InvalidEventException extends Exception {
  public InvalidEventException(String reason) {
    super(reason);
  }
}
