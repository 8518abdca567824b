package io.penultimate.stream;

/**
 * Bounds what hostile input can put into a dead-letter reason. A reason quotes the offending value
 * (an id, a token, a datatype); a producer controls those, up to the whole event's size, and a
 * dead-letter header of a megabyte per record would turn one bad producer into a full disk. So a
 * quoted value is cut to {@link #MAX_EXCERPT} characters and a whole reason to {@link #MAX_LENGTH}:
 * enough for every fixed text here and a few excerpts.
 */
final class Reasons {
  static final int MAX_LENGTH = 200;
  static final int MAX_EXCERPT = 40;
  private static final String CUT = "…";

  private Reasons() {}

  /** {@code value} as a reason quotes it: whole when short, else its start and its length. */
  static String excerpt(String value) {
    if (value == null || value.length() <= MAX_EXCERPT) {
      return value;
    }
    return cut(value, MAX_EXCERPT) + " (" + value.length() + " characters)";
  }

  /** The reason, cut to {@link #MAX_LENGTH} characters. */
  static String capped(String reason) {
    return reason.length() <= MAX_LENGTH ? reason : cut(reason, MAX_LENGTH - CUT.length());
  }

  /** The first {@code length} characters and an ellipsis, never splitting a surrogate pair. */
  private static String cut(String text, int length) {
    int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
    return text.substring(0, end) + CUT;
  }
}
