package io.penultimate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import io.penultimate.stream.InvalidEventException.Cause;
import java.util.OptionalInt;

/**
 * Parses and validates an input event, either the JSON
 * {@code {"id": "...", "features": [n numbers], "label": 3, "timestamp": 1700000000000}}
 * ({@code label} and {@code timestamp} optional) or its {@link BinaryEvent} form. Every rule
 * broken becomes an {@link InvalidEventException} whose message says which.
 */
public final class EventParser {
  // number parsing dominates reading an event (hundreds of floats): Jackson's fast parser halves it
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private final int inputSize;
  private final int numClasses;
  private final int maxBytes;
  private final InputFormat format;

  /** How events are encoded on the input topic. */
  public enum InputFormat {
    JSON,
    BINARY
  }

  public EventParser(int inputSize, int numClasses, int maxBytes, InputFormat format) {
    this.inputSize = inputSize;
    this.numClasses = numClasses;
    this.maxBytes = maxBytes;
    this.format = format;
  }

  public EventParser(int inputSize, int numClasses, int maxBytes) {
    this(inputSize, numClasses, maxBytes, InputFormat.JSON);
  }

  public InputEvent parse(byte[] value, long recordTimestamp) throws InvalidEventException {
    checkSize(value);
    if (format == InputFormat.BINARY) {
      return validated(BinaryEvent.decode(value), recordTimestamp);
    }
    JsonNode root = object(value);
    return new InputEvent(id(root), features(root.get("features")), label(root.get("label")), timestamp(root.get("timestamp"), recordTimestamp));
  }

  private InputEvent validated(InputEvent event, long recordTimestamp) throws InvalidEventException {
    if (event.id().isBlank()) {
      throw new InvalidEventException(Cause.MISSING_ID, "empty event id");
    }
    float[] features = event.features();
    if (features.length != inputSize) {
      throw new InvalidEventException(Cause.WRONG_LENGTH, "'features' has " + features.length + " values, the model expects " + inputSize);
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new InvalidEventException(Cause.NON_FINITE, "'features[" + i + "]' is not finite: " + features[i]);
      }
    }
    if (event.label().isPresent() && (event.label().getAsInt() < 0 || event.label().getAsInt() >= numClasses)) {
      throw new InvalidEventException(Cause.BAD_LABEL, "'label' must be an integer in 0.." + (numClasses - 1) + ", found " + event.label().getAsInt());
    }
    return event.timestamp() < 0 ? new InputEvent(event.id(), features, event.label(), recordTimestamp) : event;
  }

  private void checkSize(byte[] value) throws InvalidEventException {
    if (value == null) {
      throw new InvalidEventException(Cause.MALFORMED, "empty record (null value)");
    }
    if (value.length > maxBytes) {
      throw new InvalidEventException(Cause.OVERSIZED, "payload of " + value.length + " bytes exceeds the limit of " + maxBytes);
    }
  }

  private JsonNode object(byte[] value) throws InvalidEventException {
    JsonNode root;
    try {
      root = JSON.readTree(value);
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(Cause.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidEventException(Cause.MALFORMED, "unreadable payload: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException(Cause.MALFORMED, "expected a JSON object");
    }
    return root;
  }

  /** A label record {@code {"id": "...", "label": 3}}. */
  public record Label(String id, int label) {}

  public Label parseLabel(byte[] value) throws InvalidEventException {
    checkSize(value);
    JsonNode root = object(value);
    String id = id(root);
    OptionalInt label = label(root.get("label"));
    if (label.isEmpty()) {
      throw new InvalidEventException(Cause.BAD_LABEL, "missing field 'label'");
    }
    return new Label(id, label.getAsInt());
  }

  private static String id(JsonNode root) throws InvalidEventException {
    JsonNode id = root.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new InvalidEventException(Cause.MISSING_ID, "missing or empty string field 'id'");
    }
    return id.asText();
  }

  private float[] features(JsonNode node) throws InvalidEventException {
    if (node == null || !node.isArray()) {
      throw new InvalidEventException(Cause.MALFORMED, "missing array field 'features'");
    }
    if (node.size() != inputSize) {
      throw new InvalidEventException(Cause.WRONG_LENGTH, "'features' has " + node.size() + " values, the model expects " + inputSize);
    }
    float[] out = new float[inputSize];
    for (int i = 0; i < inputSize; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber()) {
        throw new InvalidEventException(Cause.MALFORMED, "'features[" + i + "]' is not a number: " + v);
      }
      double d = v.doubleValue();
      if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
        throw new InvalidEventException(Cause.NON_FINITE, "'features[" + i + "]' is not finite: " + v);
      }
      out[i] = (float) d;
    }
    return out;
  }

  private OptionalInt label(JsonNode node) throws InvalidEventException {
    if (node == null || node.isNull()) {
      return OptionalInt.empty();
    }
    if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 0 || node.intValue() >= numClasses) {
      throw new InvalidEventException(Cause.BAD_LABEL, "'label' must be an integer in 0.." + (numClasses - 1) + ", found " + node);
    }
    return OptionalInt.of(node.intValue());
  }

  private static long timestamp(JsonNode node, long fallback) throws InvalidEventException {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new InvalidEventException(Cause.MALFORMED, "'timestamp' must be epoch milliseconds, found " + node);
    }
    return node.longValue();
  }
}
