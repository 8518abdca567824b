package io.penultimate.stream;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * A fast path for event JSON in its plain form, the one producers write: an object of the fields
 * {@code id} (ASCII, no escapes), {@code features} (a flat array of numbers), and optionally
 * {@code label} and {@code timestamp}, each once, every value valid. Reading an event was the
 * costliest step of scoring one, and Jackson's tokens cost more than the conversion of the 784
 * numbers; this reads them in one pass over the bytes (14.0 µs an MNIST event against Jackson's
 * 31.4, {@code bench/jmh EventCodec}).
 *
 * <p>It returns null for anything else (another field, an escape, a non-ASCII id, a number it does
 * not convert exactly, any rule broken), and {@link EventParser} reads that record with Jackson,
 * which remains the one authority on what is malformed and why. Where it returns an event, it is
 * the event Jackson's reading gives, bit for bit: a number is converted exactly as Jackson's
 * {@code getDoubleValue} does (correctly rounded to double, integers through long), then to float.
 * {@code PlainEventJsonTest} and {@code PlainEventJsonFuzzTest} compare the two.
 */
final class PlainEventJson {
  /** 10^0 .. 10^22, all exact in double. */
  private static final double[] POWERS_OF_TEN = powersOfTen();
  /** Below 2^53 a long converts to double exactly, so m / 10^s and m · 10^s round once, correctly (Clinger's fast path). */
  private static final long EXACT_MANTISSA = 1L << 53;
  /** Digits that always fit in a long. */
  private static final int MAX_DIGITS = 18;
  private static final int MAX_EXPONENT_DIGITS = 4;

  private final int inputSize;
  private final int numClasses;

  PlainEventJson(int inputSize, int numClasses) {
    this.inputSize = inputSize;
    this.numClasses = numClasses;
  }

  /** The event, or null when {@code json} is not in the plain form. */
  InputEvent read(byte[] json, long recordTimestamp) {
    return new Reader(json).event(recordTimestamp);
  }

  private static double[] powersOfTen() {
    double[] powers = new double[23];
    powers[0] = 1;
    for (int i = 1; i < powers.length; i++) {
      powers[i] = powers[i - 1] * 10;
    }
    return powers;
  }

  /** One pass over one record's bytes. */
  private final class Reader {
    private final byte[] in;
    private int at;
    /** Set when a value is followed by anything but a comma or its closing bracket. */
    private boolean broken;

    Reader(byte[] in) {
      this.in = in;
    }

    InputEvent event(long recordTimestamp) {
      if (next() != '{') {
        return null;
      }
      String id = null;
      float[] features = null;
      boolean labelRead = false;
      OptionalInt label = OptionalInt.empty();
      boolean timestampRead = false;
      long timestamp = recordTimestamp;
      do {
        String name = string();
        if (name == null || next() != ':') {
          return null;
        }
        switch (name) {
          case "id" -> {
            if (id != null || (id = string()) == null) {
              return null;
            }
          }
          case "features" -> {
            if (features != null || (features = features()) == null) {
              return null;
            }
          }
          case "label" -> {
            long value = nullable(9);
            if (labelRead || value == Long.MIN_VALUE || value >= numClasses) {
              return null;
            }
            labelRead = true;
            label = value < 0 ? OptionalInt.empty() : OptionalInt.of((int) value);
          }
          case "timestamp" -> {
            long value = nullable(MAX_DIGITS);
            if (timestampRead || value == Long.MIN_VALUE) {
              return null;
            }
            timestampRead = true;
            timestamp = value < 0 ? recordTimestamp : value;
          }
          default -> {
            return null;
          }
        }
      } while (separator('}'));
      // like Jackson's reading, nothing after the object is looked at
      return !broken && id != null && features != null && !id.isBlank() && id.length() <= EventParser.MAX_ID_LENGTH
          ? new InputEvent(id, features, label, timestamp)
          : null;
    }

    /** The next byte after whitespace, consumed; -1 at the end. */
    private int next() {
      skipWhitespace();
      return at < in.length ? in[at++] : -1;
    }

    private int peek() {
      return at < in.length ? in[at] : -1;
    }

    private void skipWhitespace() {
      while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
        at++;
      }
    }

    /** After a value: true at a comma; false at {@code end}, and false and broken at anything else. */
    private boolean separator(char end) {
      int b = next();
      broken |= b != ',' && b != end;
      return b == ',';
    }

    /** A string of printable ASCII without escapes; null for any other value. */
    private String string() {
      if (next() != '"') {
        return null;
      }
      int start = at;
      while (at < in.length) {
        byte b = in[at++];
        if (b == '"') {
          return new String(in, start, at - 1 - start, StandardCharsets.US_ASCII);
        }
        if (b < 0x20 || b > 0x7e || b == '\\') {
          return null;
        }
      }
      return null;
    }

    private float[] features() {
      if (next() != '[') {
        return null;
      }
      float[] out = new float[inputSize];
      for (int i = 0; i < inputSize; i++) {
        skipWhitespace();
        double value = number();
        float feature = (float) value;
        if (!Float.isFinite(feature) || (i < inputSize - 1 ? !separator(']') : next() != ']')) {
          return null;
        }
        out[i] = feature;
      }
      return out;
    }

    /**
     * A JSON number as Jackson's {@code getDoubleValue} gives it; NaN for anything else, or for
     * more digits than a long holds. A float's value is correctly rounded, as Jackson's (fast
     * double parser) is: exactly by one division or multiplication where both operands are exact,
     * else by {@link Double#parseDouble}. An integer converts through long, so "-0" is 0.0 there too.
     */
    private double number() {
      int start = at;
      boolean negative = peek() == '-';
      if (negative) {
        at++;
      }
      int integerStart = at;
      long mantissa = 0;
      int digits = 0;
      for (int digit = digit(); digit >= 0; digit = digit()) {
        mantissa = mantissa * 10 + digit;
        digits++;
      }
      int integerDigits = at - integerStart;
      if (integerDigits == 0 || (integerDigits > 1 && in[integerStart] == '0')) {
        return Double.NaN;
      }
      boolean integer = true;
      int scale = 0;
      if (peek() == '.') {
        at++;
        integer = false;
        for (int digit = digit(); digit >= 0; digit = digit()) {
          mantissa = mantissa * 10 + digit;
          digits++;
          scale++;
        }
        if (scale == 0) {
          return Double.NaN;
        }
      }
      int exponent = 0;
      if (peek() == 'e' || peek() == 'E') {
        at++;
        integer = false;
        boolean negativeExponent = peek() == '-';
        if (negativeExponent || peek() == '+') {
          at++;
        }
        int exponentStart = at;
        for (int digit = digit(); digit >= 0; digit = digit()) {
          exponent = exponent * 10 + digit;
        }
        int exponentDigits = at - exponentStart;
        if (exponentDigits == 0 || exponentDigits > MAX_EXPONENT_DIGITS) {
          return Double.NaN;
        }
        exponent = negativeExponent ? -exponent : exponent;
      }
      if (digits > MAX_DIGITS) {
        return Double.NaN;
      }
      if (integer) {
        return negative ? -mantissa : mantissa;
      }
      int power = exponent - scale;
      if (mantissa < EXACT_MANTISSA && Math.abs(power) < POWERS_OF_TEN.length) {
        double value = power < 0 ? mantissa / POWERS_OF_TEN[-power] : mantissa * POWERS_OF_TEN[power];
        return negative ? -value : value;
      }
      return Double.parseDouble(new String(in, start, at - start, StandardCharsets.US_ASCII));
    }

    /** The decimal digit at the cursor, consumed; -1 (not consumed) for any other byte. */
    private int digit() {
      int b = peek() - '0';
      if (b < 0 || b > 9) {
        return -1;
      }
      at++;
      return b;
    }

    /**
     * {@code null}, as -1, or an integer without sign, fraction, exponent or leading zero of at most
     * {@code maxDigits} digits; Long.MIN_VALUE for anything else (which Jackson's reading refuses or
     * reads otherwise).
     */
    private long nullable(int maxDigits) {
      skipWhitespace();
      if (at + 4 <= in.length && in[at] == 'n' && in[at + 1] == 'u' && in[at + 2] == 'l' && in[at + 3] == 'l') {
        at += 4;
        return -1;
      }
      int start = at;
      long value = 0;
      for (int digit = digit(); digit >= 0; digit = digit()) {
        value = value * 10 + digit;
      }
      int digits = at - start;
      int after = peek();
      boolean plain = digits > 0 && digits <= maxDigits && (digits == 1 || in[start] != '0') && after != '.' && after != 'e' && after != 'E';
      return plain ? value : Long.MIN_VALUE;
    }
  }
}
