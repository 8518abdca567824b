package io.penultimate.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a NumPy {@code .npy} array, as NEP 1 ("A simple file format for NumPy arrays")
 * and the {@code numpy.lib.format} documentation define it:
 *
 * <pre>
 * 6 bytes   magic "\x93NUMPY"
 * 2 bytes   major, minor version: 1.0, or 2.0 for headers of 64 KiB or more
 * 2 bytes   (1.0) or 4 bytes (2.0): HEADER_LEN, little-endian unsigned
 * HEADER_LEN bytes  ASCII: a Python dict literal, padded with spaces and ended by '\n' so that the
 *           data starts at a multiple of 64 bytes (16 in old files), e.g.
 *           {'descr': '&lt;f4', 'fortran_order': False, 'shape': (60000, 28, 28), }
 * the data  prod(shape) items of dtype 'descr', in C (row-major) order unless fortran_order
 * </pre>
 *
 * Version 3.0 differs from 2.0 only by a UTF-8 header, which NumPy writes for structured dtypes
 * with non-Latin-1 field names; no dtype read here has any, so 3.0 is refused with the others.
 * The dict is parsed by a small recursive-descent parser for exactly the literals that appear in
 * it: strings, True/False, integers (Python 2 wrote "3L") and tuples.
 *
 * @param descr the dtype, e.g. {@code <f4} (little-endian float32) or {@code |u1} (uint8)
 * @param shape the array's dimensions; empty for a scalar
 * @param items the product of the dimensions, at most 2^60 so that it counts bytes without overflow
 * @param length the header's length in bytes, magic included: where the data starts
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, long items, long length) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** NumPy's own np.load refuses longer headers by default (max_header_size), as a safety limit. */
  static final int MAX_HEADER_LENGTH = 10_000;

  /** Reads the header from the start of {@code in}; {@code name} is for messages. */
  static NpyHeader read(InputStream in, String name) throws IOException {
    byte[] prefix = in.readNBytes(MAGIC.length + 2);
    if (prefix.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(prefix, MAGIC.length), MAGIC)) {
      throw new InvalidDataException(name + " is not a .npy array: expected the magic bytes \\x93NUMPY at its start");
    }
    int major = prefix[6];
    int minor = prefix[7];
    if ((major != 1 && major != 2) || minor != 0) {
      throw new InvalidDataException(
          name + ": .npy format version " + major + "." + minor + " is not supported, expected 1.0 or 2.0");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    byte[] lengthField = in.readNBytes(lengthBytes);
    if (lengthField.length < lengthBytes) {
      throw new InvalidDataException(name + " is truncated inside its .npy header");
    }
    ByteBuffer lengthBuffer = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = major == 1 ? lengthBuffer.getShort() & 0xffff : lengthBuffer.getInt() & 0xffffffffL;
    if (headerLength > MAX_HEADER_LENGTH) {
      throw new InvalidDataException(
          name + ": .npy header of " + headerLength + " bytes exceeds the limit of " + MAX_HEADER_LENGTH);
    }
    byte[] text = in.readNBytes((int) headerLength);
    if (text.length < headerLength) {
      throw new InvalidDataException(name + " is truncated inside its .npy header");
    }
    String header = new String(text, StandardCharsets.ISO_8859_1).strip();
    Map<String, Object> dict = new Literal(header, name).dict();
    String shown = DataText.quoted(header);
    long[] shape = shape(field(dict, "shape", List.class, shown, name), shown, name);
    return new NpyHeader(
        field(dict, "descr", String.class, shown, name),
        field(dict, "fortran_order", Boolean.class, shown, name),
        shape,
        items(shape, shown, name),
        MAGIC.length + 2L + lengthBytes + headerLength);
  }

  private static long items(long[] shape, String header, String name) {
    long items = 1;
    for (long dimension : shape) {
      if (dimension != 0 && items > (Long.MAX_VALUE / 8) / dimension) {
        throw new InvalidDataException(name + ": the shape in the .npy header " + header + " is too large to read");
      }
      items *= dimension;
    }
    return items;
  }

  /** The shape as NumPy prints it: (3, 28, 28), (3,) or (). */
  String shapeText() {
    String inner = String.join(", ", Arrays.stream(shape).mapToObj(Long::toString).toList());
    return "(" + inner + (shape.length == 1 ? ",)" : ")");
  }

  private static <T> T field(Map<String, Object> dict, String key, Class<T> type, String header, String name) {
    Object value = dict.get(key);
    if (!type.isInstance(value)) {
      throw new InvalidDataException(name + ": the .npy header " + header + " has no valid '" + key + "'");
    }
    return type.cast(value);
  }

  private static long[] shape(List<?> tuple, String header, String name) {
    long[] shape = new long[tuple.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(tuple.get(i) instanceof Long dimension)) {
        throw new InvalidDataException(name + ": the shape in the .npy header " + header + " is not a tuple of sizes");
      }
      shape[i] = dimension;
    }
    return shape;
  }

  /** The Python literal grammar of the header dict; values are String, Boolean, Long or List. */
  private static final class Literal {
    private final String text;
    private final String name;
    private int at;

    Literal(String text, String name) {
      this.text = text;
      this.name = name;
    }

    Map<String, Object> dict() {
      expect('{');
      Map<String, Object> dict = new LinkedHashMap<>();
      while (peek() != '}') {
        Object key = value();
        expect(':');
        if (!(key instanceof String k)) {
          throw invalid("a string key");
        }
        dict.put(k, value());
        if (peek() != ',') {
          break;
        }
        at++;
      }
      expect('}');
      if (!text.substring(at).isBlank()) {
        throw invalid("nothing after the dict");
      }
      return dict;
    }

    private Object value() {
      char c = peek();
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, at + 1);
        if (end < 0) {
          throw invalid("a closing quote");
        }
        String s = text.substring(at + 1, end);
        at = end + 1;
        return s;
      }
      if (c == '(') {
        at++;
        List<Object> tuple = new ArrayList<>();
        while (peek() != ')') {
          tuple.add(value());
          if (peek() != ',') {
            break;
          }
          at++;
        }
        expect(')');
        return tuple;
      }
      if (text.startsWith("True", at) || text.startsWith("False", at)) {
        boolean value = text.startsWith("True", at);
        at += value ? 4 : 5;
        return value;
      }
      int start = at;
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (at == start || at - start > 18) {
        throw invalid("a string, True, False, an integer below 10^18 or a tuple");
      }
      long value = Long.parseLong(text.substring(start, at));
      if (at < text.length() && text.charAt(at) == 'L') {
        at++; // Python 2's long suffix
      }
      return value;
    }

    private char peek() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
      if (at == text.length()) {
        throw invalid("more of the header");
      }
      return text.charAt(at);
    }

    private void expect(char c) {
      if (peek() != c) {
        throw invalid("'" + c + "'");
      }
      at++;
    }

    private InvalidDataException invalid(String expected) {
      return new InvalidDataException(name + ": cannot parse the .npy header " + DataText.quoted(text) + ": expected " + expected
          + " at character " + at);
    }
  }
}
