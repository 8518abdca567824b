package io.penultimate.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.penultimate.stream.InvalidEventException.Cause;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Parses and validates an input event, either the JSON
 * {@code {"id": "...", "features": [n numbers], "label": 3, "timestamp": 1700000000000}}
 * ({@code label} and {@code timestamp} optional), its {@link BinaryEvent} form, or an Open
 * Inference Protocol request ({@link OipRequest}). Every rule broken becomes an
 * {@link InvalidEventException} whose message says which. JSON in the plain form producers write
 * is read by {@link PlainEventJson}; any other JSON, and every rejection, by Jackson.
 */
public final class EventParser {
  /** Longest event id accepted: an id is a key in three state stores and in every record written. */
  static final int MAX_ID_LENGTH = 1024;
  // number parsing dominates reading an event (hundreds of floats): Jackson's fast parser halves it.
  // A repeated field is refused: two "features" or "label" fields would be read as whichever came
  // last, and the producer meant one of them. Nesting is bounded by Jackson's default, 1000 levels.
  static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final int inputSize;
  private final int numClasses;
  private final int maxBytes;
  private final InputFormat format;
  private final OipRequest oip;
  private final PlainEventJson plainJson;

  /** How events are encoded on the input topic. */
  public enum InputFormat {
    JSON,
    BINARY,
    /** An Open Inference Protocol (KServe V2) inference request, see {@link OipRequest}. */
    OIP;

    /** As {@code --input-format} takes it: json, binary, oip. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InputFormat> byKey(String key) {
      return Arrays.stream(values()).filter(format -> format.key().equals(key)).findFirst();
    }
  }

  /**
   * @param oipInput with {@link InputFormat#OIP}, the name of the request input to score; null
   *     or empty when requests carry only one
   */
  public EventParser(int inputSize, int numClasses, int maxBytes, InputFormat format, String oipInput) {
    this.inputSize = inputSize;
    this.numClasses = numClasses;
    this.maxBytes = maxBytes;
    this.format = format;
    this.oip = new OipRequest(inputSize, numClasses, oipInput == null || oipInput.isEmpty() ? null : oipInput);
    this.plainJson = new PlainEventJson(inputSize, numClasses);
  }

  public EventParser(int inputSize, int numClasses, int maxBytes, InputFormat format) {
    this(inputSize, numClasses, maxBytes, format, null);
  }

  public EventParser(int inputSize, int numClasses, int maxBytes) {
    this(inputSize, numClasses, maxBytes, InputFormat.JSON);
  }

  public InputEvent parse(byte[] value, long recordTimestamp) throws InvalidEventException {
    checkSize(value);
    if (format == InputFormat.BINARY) {
      return validated(BinaryEvent.decode(value), recordTimestamp);
    }
    if (format == InputFormat.OIP) {
      return oip.parse(value, recordTimestamp);
    }
    InputEvent plain = plainJson.read(value, recordTimestamp);
    return plain != null ? plain : parseWithJackson(value, recordTimestamp);
  }

  /** An event JSON as Jackson reads it: what {@link PlainEventJson} does not take, and its reference. */
  InputEvent parseWithJackson(byte[] value, long recordTimestamp) throws InvalidEventException {
    Fields fields = read(value, "features");
    // arguments are evaluated left to right: the rules are checked in this order
    return new InputEvent(fields.id(), fields.features(), fields.label(), fields.timestamp(recordTimestamp));
  }

  private InputEvent validated(InputEvent event, long recordTimestamp) throws InvalidEventException {
    checkedId(event.id());
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

  /** A label record {@code {"id": "...", "label": 3}}. */
  public record Label(String id, int label) {}

  public Label parseLabel(byte[] value) throws InvalidEventException {
    checkSize(value);
    Fields fields = read(value, null);
    String id = fields.id();
    OptionalInt label = fields.label();
    if (label.isEmpty()) {
      throw new InvalidEventException(Cause.BAD_LABEL, "missing field 'label'");
    }
    return new Label(id, label.getAsInt());
  }

  /**
   * Reads the object's fields in one pass over the tokens, without building a tree (784 number
   * nodes per event cost more than parsing the numbers). A field that breaks a rule is remembered,
   * not thrown, so that malformed JSON later in the record still wins and the rules are reported
   * in a fixed order (id, features, label, timestamp) whatever the field order.
   *
   * @param featuresField the field holding the vector, or null to skip vectors (labels)
   */
  private Fields read(byte[] value, String featuresField) throws InvalidEventException {
    Fields fields = new Fields();
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidEventException(Cause.MALFORMED, "expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if ("id".equals(name)) {
          fields.id = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        } else if ("label".equals(name)) {
          fields.label = label(parser, token, numClasses, "label");
        } else if ("timestamp".equals(name)) {
          fields.timestamp = timestamp(parser, token);
        } else if (name.equals(featuresField)) {
          fields.features = features(parser, token);
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(Cause.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidEventException(Cause.MALFORMED, "unreadable payload: " + e.getMessage());
    }
    return fields;
  }

  /** The id of an event, label or request, or why it cannot be one. */
  static String checkedId(String id) throws InvalidEventException {
    if (id == null || id.isBlank()) {
      throw new InvalidEventException(Cause.MISSING_ID, "missing or empty string field 'id'");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidEventException(Cause.MALFORMED,
          "'id' has " + id.length() + " characters, at most " + MAX_ID_LENGTH + " are accepted: " + Reasons.excerpt(id));
    }
    return id;
  }

  /** One field's value, or the rule it broke (thrown when the field is asked for). */
  record Checked<T>(T value, InvalidEventException problem) {
    static <T> Checked<T> ok(T value) {
      return new Checked<>(value, null);
    }

    static <T> Checked<T> broken(Cause cause, String reason) {
      return new Checked<>(null, new InvalidEventException(cause, reason));
    }

    T get() throws InvalidEventException {
      if (problem != null) {
        throw problem;
      }
      return value;
    }
  }

  /** What {@link #read} found (absent fields stay null), checked field by field when asked for. */
  private static final class Fields {
    private String id;
    private Checked<float[]> features;
    private Checked<OptionalInt> label;
    private Checked<Long> timestamp;

    String id() throws InvalidEventException {
      return checkedId(id);
    }

    float[] features() throws InvalidEventException {
      if (features == null) {
        throw new InvalidEventException(Cause.MALFORMED, "missing array field 'features'");
      }
      return features.get();
    }

    OptionalInt label() throws InvalidEventException {
      return label == null ? OptionalInt.empty() : label.get();
    }

    long timestamp(long fallback) throws InvalidEventException {
      return timestamp == null ? fallback : timestamp.get();
    }
  }

  private Checked<float[]> features(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return Checked.broken(Cause.MALFORMED, "missing array field 'features'");
    }
    float[] out = new float[inputSize];
    Checked<float[]> problem = null;
    int count = 0;
    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken(), count++) {
      if (problem != null || count >= inputSize) {
        parser.skipChildren();
      } else if (element != JsonToken.VALUE_NUMBER_INT && element != JsonToken.VALUE_NUMBER_FLOAT) {
        problem = Checked.broken(Cause.MALFORMED, "'features[" + count + "]' is not a number: " + skipValue(parser, element));
      } else {
        double d = parser.getDoubleValue();
        if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
          problem = Checked.broken(Cause.NON_FINITE, "'features[" + count + "]' is not finite: " + Reasons.excerpt(parser.getText()));
        }
        out[count] = (float) d;
      }
    }
    if (count != inputSize) {
      return Checked.broken(Cause.WRONG_LENGTH, "'features' has " + count + " values, the model expects " + inputSize);
    }
    return problem != null ? problem : Checked.ok(out);
  }

  /** A class index in 0..numClasses-1, or null for none; {@code field} names it in the reason. */
  static Checked<OptionalInt> label(JsonParser parser, JsonToken token, int numClasses, String field) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return Checked.ok(OptionalInt.empty());
    }
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
      int label = parser.getIntValue();
      if (label >= 0 && label < numClasses) {
        return Checked.ok(OptionalInt.of(label));
      }
    }
    return Checked.broken(Cause.BAD_LABEL, "'" + field + "' must be an integer in 0.." + (numClasses - 1) + ", found " + skipValue(parser, token));
  }

  private static Checked<Long> timestamp(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    JsonParser.NumberType type = token == JsonToken.VALUE_NUMBER_INT ? parser.getNumberType() : null;
    // negative is refused too: Kafka cannot write a record with a negative timestamp, and the
    // scored record would stop the stream thread instead of reaching the dead letters
    if ((type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) && parser.getLongValue() >= 0) {
      return Checked.ok(parser.getLongValue());
    }
    return Checked.broken(Cause.MALFORMED, "'timestamp' must be epoch milliseconds, found " + skipValue(parser, token));
  }

  /** Skips the value at {@code token} and returns how to name it in a reason: an excerpt of its text, or "{" / "[". */
  static String skipValue(JsonParser parser, JsonToken token) throws IOException {
    String text = token.isStructStart() ? token.asString() : Reasons.excerpt(parser.getText());
    parser.skipChildren();
    return text;
  }
}
