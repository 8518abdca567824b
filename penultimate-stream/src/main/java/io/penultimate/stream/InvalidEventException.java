package io.penultimate.stream;

/** An event that cannot be scored; the message is the reason written to the dead-letter topic. */
public final class InvalidEventException extends Exception {
  /** The bounded set of causes, a metric label; the message carries the details. */
  public enum Cause {
    MALFORMED("malformed"),
    MISSING_ID("missing_id"),
    WRONG_LENGTH("wrong_length"),
    NON_FINITE("non_finite"),
    OVERSIZED("oversized"),
    BAD_LABEL("bad_label"),
    /** The record's Kafka key is not the event's id: its label, keyed by id, would reach another task. */
    KEY_MISMATCH("key_mismatch");

    private final String key;

    Cause(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  private final Cause cause;

  /** @param reason cut to {@link Reasons#MAX_LENGTH} characters: it may quote hostile input */
  public InvalidEventException(Cause cause, String reason) {
    super(Reasons.capped(reason));
    this.cause = cause;
  }

  public Cause rejection() {
    return cause;
  }
}
