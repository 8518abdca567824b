package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.stream.EventParser.InputFormat;
import io.penultimate.stream.InvalidEventException.Cause;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class EventParserTest {

  private static final int INPUT = 3;
  private static final int CLASSES = 10;
  private static final long RECORD_TIME = 42L;

  private static final EventParser BINARY = new EventParser(INPUT, CLASSES, 1024, InputFormat.BINARY);
  private static final EventParser JSON = new EventParser(INPUT, CLASSES, 1024);

  private static byte[] binary(String id, float[] features, OptionalInt label, long timestamp) {
    return BinaryEvent.encode(new InputEvent(id, features, label, timestamp));
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(EventParser parser, byte[] value, Cause cause) {
    return assertThatThrownBy(() -> parser.parse(value, RECORD_TIME))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).rejection()).isEqualTo(cause));
  }

  @Test
  void parsesAValidBinaryEvent() throws InvalidEventException {
    InputEvent event = BINARY.parse(binary("e1", new float[] {0.1f, 0.2f, 0.3f}, OptionalInt.of(9), 1_000L), RECORD_TIME);
    assertThat(event.id()).isEqualTo("e1");
    assertThat(event.features()).containsExactly(0.1f, 0.2f, 0.3f);
    assertThat(event.label()).hasValue(9);
    assertThat(event.timestamp()).isEqualTo(1_000L);
  }

  @Test
  void givesABinaryEventWithoutTimestampTheRecordTimestamp() throws InvalidEventException {
    InputEvent event = BINARY.parse(binary("e1", new float[3], OptionalInt.empty(), -1), RECORD_TIME);
    assertThat(event.timestamp()).isEqualTo(RECORD_TIME);
    assertThat(event.label()).isEmpty();
  }

  @Test
  void rejectsABinaryEventOfTheWrongLength() {
    assertRejected(BINARY, binary("e1", new float[4], OptionalInt.empty(), 0), Cause.WRONG_LENGTH)
        .hasMessageContaining("has 4 values, the model expects 3");
  }

  @Test
  void rejectsABinaryEventWithANonFiniteFeature() {
    assertRejected(BINARY, binary("e1", new float[] {0, Float.NaN, 0}, OptionalInt.empty(), 0), Cause.NON_FINITE)
        .hasMessageContaining("'features[1]' is not finite: NaN");
    assertRejected(BINARY, binary("e1", new float[] {0, 0, Float.NEGATIVE_INFINITY}, OptionalInt.empty(), 0), Cause.NON_FINITE)
        .hasMessageContaining("'features[2]'");
  }

  @Test
  void rejectsABinaryEventWithALabelOutOfRange() {
    assertRejected(BINARY, binary("e1", new float[3], OptionalInt.of(CLASSES), 0), Cause.BAD_LABEL)
        .hasMessageContaining("0..9, found 10");
    // -1 means "no label"; any other negative value is an error
    assertRejected(BINARY, binary("e1", new float[3], OptionalInt.of(-2), 0), Cause.BAD_LABEL)
        .hasMessageContaining("found -2");
  }

  @Test
  void rejectsABinaryEventWithAnEmptyId() {
    assertRejected(BINARY, binary(" ", new float[3], OptionalInt.empty(), 0), Cause.MISSING_ID);
  }

  @Test
  void rejectsAnOversizedBinaryEventBeforeDecodingIt() {
    byte[] value = binary("e1", new float[3], OptionalInt.empty(), 0); // 21 + 2 + 12 = 35 bytes
    EventParser small = new EventParser(INPUT, CLASSES, 34, InputFormat.BINARY);
    assertRejected(small, value, Cause.OVERSIZED).hasMessageContaining("35 bytes exceeds the limit of 34");
  }

  @Test
  void rejectsJsonOnABinaryTopicAsMalformed() {
    assertRejected(BINARY, json("{\"id\":\"e1\",\"features\":[1,2,3]}"), Cause.MALFORMED)
        .hasMessageContaining("magic");
  }

  @Test
  void rejectsANullRecordAsMalformedInEitherFormat() {
    assertRejected(BINARY, null, Cause.MALFORMED).hasMessageContaining("null value");
    assertRejected(JSON, null, Cause.MALFORMED).hasMessageContaining("null value");
  }

  @Test
  void tagsMalformedJsonWithTheMalformedCause() {
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2"), Cause.MALFORMED)
        .hasMessageContaining("malformed JSON");
    assertRejected(JSON, json("[1, 2, 3]"), Cause.MALFORMED).hasMessageContaining("expected a JSON object");
  }

  @Test
  void tagsJsonWithoutAnIdWithTheMissingIdCause() {
    assertRejected(JSON, json("{\"features\": [1, 2, 3]}"), Cause.MISSING_ID).hasMessageContaining("'id'");
    assertRejected(JSON, json("{\"id\": 7, \"features\": [1, 2, 3]}"), Cause.MISSING_ID);
  }

  @Test
  void tagsTheOtherJsonRulesWithTheirCauses() {
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2]}"), Cause.WRONG_LENGTH);
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2, 1e39]}"), Cause.NON_FINITE);
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2, 3], \"label\": 1.5}"), Cause.BAD_LABEL);
  }

  @Test
  void parsesJsonAndFallsBackToTheRecordTimestamp() throws InvalidEventException {
    InputEvent event = JSON.parse(json("{\"id\": \"e1\", \"features\": [1, 2, 3], \"label\": 4}"), RECORD_TIME);
    assertThat(event.features()).containsExactly(1f, 2f, 3f);
    assertThat(event.label()).hasValue(4);
    assertThat(event.timestamp()).isEqualTo(RECORD_TIME);
  }

  @Test
  void readsJsonFieldsInAnyOrderAndIgnoresUnknownOnes() throws InvalidEventException {
    InputEvent event = JSON.parse(
        json("{\"meta\": {\"source\": [1, {\"a\": 2}]}, \"timestamp\": 7, \"label\": null, \"features\": [0.5, -1e-3, 2], \"id\": \"e9\"}"),
        RECORD_TIME);
    assertThat(event.id()).isEqualTo("e9");
    assertThat(event.features()).containsExactly(0.5f, -1e-3f, 2f);
    assertThat(event.label()).isEmpty();
    assertThat(event.timestamp()).isEqualTo(7);
  }

  @Test
  void reportsMalformedJsonEvenAfterAFieldThatBreaksARule() {
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2], \"label\": }"), Cause.MALFORMED)
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void checksTheRulesInAFixedOrderWhateverTheFieldOrder() {
    assertRejected(JSON, json("{\"label\": 99, \"features\": [1], \"id\": \"\"}"), Cause.MISSING_ID);
    assertRejected(JSON, json("{\"label\": 99, \"features\": [1], \"id\": \"e1\"}"), Cause.WRONG_LENGTH);
    assertRejected(JSON, json("{\"timestamp\": \"now\", \"label\": 99, \"features\": [1, 2, 3], \"id\": \"e1\"}"), Cause.BAD_LABEL);
  }

  @Test
  void namesTheFirstBadVectorElementAndCountsEveryElement() {
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, \"x\", [3]]}"), Cause.MALFORMED)
        .hasMessageContaining("'features[1]' is not a number: x");
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2, 3, 4, {\"a\": 5}]}"), Cause.WRONG_LENGTH)
        .hasMessageContaining("'features' has 5 values, the model expects 3");
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": {\"0\": 1}}"), Cause.MALFORMED)
        .hasMessageContaining("missing array field 'features'");
  }

  @Test
  void rejectsATimestampThatIsNotEpochMilliseconds() {
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2, 3], \"timestamp\": 1.5}"), Cause.MALFORMED)
        .hasMessageContaining("'timestamp' must be epoch milliseconds, found 1.5");
    assertRejected(JSON, json("{\"id\": \"e1\", \"features\": [1, 2, 3], \"timestamp\": -5}"), Cause.MALFORMED)
        .hasMessageContaining("'timestamp' must be epoch milliseconds, found -5");
  }
}
