package io.penultimate.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One protobuf message as bytes, read field by field in the wire format
 * (https://protobuf.dev/programming-guides/encoding/): every field is a tag, varint
 * {@code number << 3 | wireType}, then its value: a varint (type 0), 8 bytes (1), a varint length
 * and that many bytes (2: strings, bytes, embedded messages, packed repeated scalars) or 4 bytes
 * (5). Groups (3, 4) are deprecated and ONNX uses none, so they are refused. Enough to read an ONNX
 * model without generated classes; the bytes are shared, never copied.
 */
record WireMessage(byte[] bytes, int from, int to) {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  static WireMessage of(byte[] bytes) {
    return new WireMessage(bytes, 0, bytes.length);
  }

  /**
   * One field: a varint's value is {@code value}; the payload of any other field (a fixed field's 8 or
   * 4 bytes, a length-delimited field's content) is {@code bytes[offset, offset + length)}. {@code start} and {@code end} bound the whole
   * field, tag included, so that it can be replaced in place.
   */
  record Field(byte[] bytes, int number, int wireType, long value, int offset, int length, int start, int end) {

    WireMessage message() {
      requireLengthDelimited();
      return new WireMessage(bytes, offset, offset + length);
    }

    String string() {
      requireLengthDelimited();
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** A repeated int64 field's values: one per field when unpacked, several when packed (both are valid). */
    List<Long> varints() {
      if (wireType == VARINT) {
        return List.of(value);
      }
      requireLengthDelimited();
      List<Long> values = new ArrayList<>();
      int[] at = {offset};
      while (at[0] < offset + length) {
        values.add(readVarint(bytes, at, offset + length));
      }
      return values;
    }

    private void requireLengthDelimited() {
      if (wireType != LENGTH_DELIMITED) {
        throw new IllegalArgumentException(
            "protobuf field " + number + " at byte " + start + " has wire type " + wireType + ", expected " + LENGTH_DELIMITED);
      }
    }
  }

  List<Field> fields() {
    List<Field> fields = new ArrayList<>();
    int[] at = {from};
    while (at[0] < to) {
      int start = at[0];
      long tag = readVarint(bytes, at, to);
      int number = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      switch (wireType) {
        case VARINT -> {
          long value = readVarint(bytes, at, to);
          fields.add(new Field(bytes, number, wireType, value, at[0], 0, start, at[0]));
        }
        case FIXED64, FIXED32 -> {
          int size = wireType == FIXED64 ? 8 : 4;
          int offset = require(at[0], size, start);
          at[0] += size;
          fields.add(new Field(bytes, number, wireType, 0, offset, size, start, at[0]));
        }
        case LENGTH_DELIMITED -> {
          long length = readVarint(bytes, at, to);
          int offset = require(at[0], length, start);
          at[0] += (int) length;
          fields.add(new Field(bytes, number, wireType, 0, offset, (int) length, start, at[0]));
        }
        default -> throw new IllegalArgumentException(
            "not an ONNX model: protobuf field " + number + " at byte " + start + " has wire type " + wireType
                + ", expected 0, 1, 2 or 5");
      }
    }
    return fields;
  }

  /** The fields numbered {@code number}, in order. */
  List<Field> fields(int number) {
    return fields().stream().filter(f -> f.number() == number).toList();
  }

  private int require(int offset, long size, int start) {
    if (size < 0 || offset + size > to) {
      throw new IllegalArgumentException(
          "not an ONNX model: the protobuf field at byte " + start + " needs " + size + " bytes, found " + (to - offset));
    }
    return offset;
  }

  private static long readVarint(byte[] bytes, int[] at, int to) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at[0] >= to) {
        throw new IllegalArgumentException("not an ONNX model: a protobuf varint runs past byte " + to);
      }
      byte b = bytes[at[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("not an ONNX model: a protobuf varint at byte " + at[0] + " is longer than 10 bytes");
  }

  /** Writes a length-delimited field: its tag, the payload's length, the payload. */
  static void writeField(ByteArrayOutputStream out, int number, byte[] payload) {
    writeVarint(out, (long) number << 3 | LENGTH_DELIMITED);
    writeVarint(out, payload.length);
    out.writeBytes(payload);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
