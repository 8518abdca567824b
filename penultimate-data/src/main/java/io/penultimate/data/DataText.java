package io.penultimate.data;

/**
 * Text read from a data file, as a one-line message quotes it. A header, a column name or a tar
 * entry's name can hold line breaks and other control characters, and be as long as the file: the
 * CLI prints a refusal as one line, so these are escaped ({@code \n}, {@code \x01}) and cut.
 */
final class DataText {
  static final int MAX_QUOTED = 200;

  private DataText() {}

  /** {@code text} with control characters escaped, cut to {@link #MAX_QUOTED} characters. */
  static String quoted(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= MAX_QUOTED) {
        return out.append("… (").append(text.length()).append(" characters)").toString();
      }
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
