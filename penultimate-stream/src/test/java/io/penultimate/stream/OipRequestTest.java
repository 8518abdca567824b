package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.stream.EventParser.InputFormat;
import io.penultimate.stream.InvalidEventException.Cause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code --input-format oip}: Open Inference Protocol requests for a model of 4 inputs and 10 classes. */
class OipRequestTest {
  private static final int INPUT = 4;
  private static final int CLASSES = 10;
  private static final long RECORD_TIME = 42L;
  private static final EventParser OIP = new EventParser(INPUT, CLASSES, 4096, InputFormat.OIP);
  private static final EventParser NAMED = new EventParser(INPUT, CLASSES, 4096, InputFormat.OIP, "pixels");
  /** Every request a test saw parsed: each must conform to docs/schemas/oip-request.schema.json. */
  private static final List<String> PARSED = new ArrayList<>();

  private static String request(String id, String shape, String datatype, String data) {
    return "{\"id\": \"" + id + "\", \"inputs\": [" + input("pixels", shape, datatype, data) + "]}";
  }

  private static String input(String name, String shape, String datatype, String data) {
    return "{\"name\": \"" + name + "\", \"shape\": " + shape + ", \"datatype\": \"" + datatype + "\", \"data\": " + data + "}";
  }

  private static InputEvent parse(EventParser parser, String json) throws InvalidEventException {
    InputEvent event = parser.parse(json.getBytes(StandardCharsets.UTF_8), RECORD_TIME);
    PARSED.add(json);
    return event;
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(EventParser parser, String json, Cause cause) {
    return assertThatThrownBy(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8), RECORD_TIME))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).rejection()).isEqualTo(cause));
  }

  @AfterAll
  static void everyParsedRequestConformsToTheDocumentedSchema() {
    DocSchemas schemas = new DocSchemas();
    assertThat(PARSED).hasSizeGreaterThan(5);
    PARSED.forEach(json -> schemas.assertValid("oip-request", json));
  }

  @Test
  void parsesAFlatOipRequestWithoutABatchDimension() throws InvalidEventException {
    InputEvent event = parse(OIP, request("r1", "[4]", "FP32", "[0.5, -1e-3, 2, 0]"));
    assertThat(event.id()).isEqualTo("r1");
    assertThat(event.features()).containsExactly(0.5f, -1e-3f, 2f, 0f);
    assertThat(event.label()).isEmpty();
    assertThat(event.timestamp()).as("requests carry no event time").isEqualTo(RECORD_TIME);
  }

  @Test
  void parsesAnOipRequestWithABatchDimensionOfOne() throws InvalidEventException {
    assertThat(parse(OIP, request("r1", "[1, 4]", "FP32", "[1, 2, 3, 4]")).features()).containsExactly(1f, 2f, 3f, 4f);
  }

  @Test
  void parsesAnImageShapedRequestWithNestedDataInRowMajorOrder() throws InvalidEventException {
    // [1, C, H, W] = [1, 1, 2, 2], data nested as the shape
    assertThat(parse(OIP, request("r1", "[1, 1, 2, 2]", "FP32", "[[[[1, 2], [3, 4]]]]")).features()).containsExactly(1f, 2f, 3f, 4f);
    assertThat(parse(OIP, request("r2", "[1, 1, 2, 2]", "FP32", "[1, 2, 3, 4]")).features()).as("or flat").containsExactly(1f, 2f, 3f, 4f);
    assertThat(parse(OIP, request("r3", "[2, 2]", "FP32", "[[1, 2], [3, 4]]")).features()).containsExactly(1f, 2f, 3f, 4f);
  }

  @Test
  void convertsFp64AndIntegerDatatypesToFloat() throws InvalidEventException {
    assertThat(parse(OIP, request("r1", "[4]", "FP64", "[0.1, 0.25, 1e-300, 3]")).features()).containsExactly(0.1f, 0.25f, 0f, 3f);
    assertThat(parse(OIP, request("r2", "[1, 4]", "INT32", "[0, 255, -7, 16777217]")).features()).containsExactly(0f, 255f, -7f, 16777216f);
    assertThat(parse(OIP, request("r3", "[4]", "UINT8", "[0, 1, 2, 3.0]")).features()).containsExactly(0f, 1f, 2f, 3f);
  }

  @Test
  void readsTheLabelFromTheRequestParametersAndIgnoresTheRest() throws InvalidEventException {
    String json = "{\"outputs\": [{\"name\": \"logits\"}], \"parameters\": {\"content_type\": \"np\", \"label\": 7, \"x\": {\"y\": [1]}}, "
        + "\"inputs\": [" + input("pixels", "[4]", "FP32", "[1, 2, 3, 4]").replace("}", ", \"parameters\": {\"a\": 1}}") + "], \"id\": \"r1\"}";
    InputEvent event = parse(OIP, json);
    assertThat(event.id()).isEqualTo("r1");
    assertThat(event.label()).hasValue(7);
  }

  @Test
  void rejectsALabelOutOfRangeOrNotAnInteger() {
    String json = request("r1", "[4]", "FP32", "[1, 2, 3, 4]").replace("{\"id\"", "{\"parameters\": {\"label\": 10}, \"id\"");
    assertRejected(OIP, json, Cause.BAD_LABEL).hasMessage("'parameters.label' must be an integer in 0..9, found 10");
    assertRejected(OIP, json.replace("10", "\"3\""), Cause.BAD_LABEL);
    assertRejected(OIP, json.replace("{\"label\": 10}", "[]"), Cause.MALFORMED).hasMessage("'parameters' must be an object");
  }

  @Test
  void rejectsAShapeWhoseSizeIsNotTheModelsInput() {
    assertRejected(OIP, request("r1", "[1, 5]", "FP32", "[1, 2, 3, 4, 5]"), Cause.WRONG_LENGTH)
        .hasMessage("'inputs[0]' has shape [1, 5] (5 values), the model expects 4");
    assertRejected(OIP, request("r1", "[4]", "FP32", "[1, 2, 3]"), Cause.WRONG_LENGTH)
        .hasMessage("'inputs[0].data' has 3 values, its shape [4] declares 4");
    assertRejected(OIP, request("r1", "[4]", "FP32", "[1, 2, 3, 4, 5]"), Cause.WRONG_LENGTH).hasMessageContaining("has 5 values");
    assertRejected(OIP, request("r1", "[4294967296, 4294967296, 4]", "FP32", "[1]"), Cause.WRONG_LENGTH).hasMessageContaining("the model expects 4");
    assertRejected(OIP, request("r1", "[4, -1]", "FP32", "[1, 2, 3, 4]"), Cause.MALFORMED).hasMessageContaining("non-negative integers");
    assertRejected(OIP, request("r1", "\"4\"", "FP32", "[1, 2, 3, 4]"), Cause.MALFORMED).hasMessageContaining("'inputs[0].shape'");
  }

  @Test
  void rejectsABatchOfMoreThanOneEvent() {
    assertRejected(OIP, request("r1", "[2, 4]", "FP32", "[[1, 2, 3, 4], [5, 6, 7, 8]]"), Cause.WRONG_LENGTH)
        .hasMessage("one event per request: 'inputs[0]' has shape [2, 4], a batch of 2");
    assertRejected(OIP, request("r1", "[3, 1, 2, 2]", "FP32", "[]"), Cause.WRONG_LENGTH).hasMessageStartingWith("one event per request");
  }

  @Test
  void rejectsARequestWithoutAnId() {
    String json = "{\"inputs\": [" + input("pixels", "[4]", "FP32", "[1, 2, 3, 4]") + "]}";
    assertRejected(OIP, json, Cause.MISSING_ID).hasMessage("missing or empty string field 'id'");
    assertRejected(OIP, json.replace("{\"inputs\"", "{\"id\": 42, \"inputs\""), Cause.MISSING_ID);
    assertRejected(OIP, json.replace("{\"inputs\"", "{\"id\": \" \", \"inputs\""), Cause.MISSING_ID);
  }

  @Test
  void rejectsARequestWithoutInputs() {
    assertRejected(OIP, "{\"id\": \"r1\"}", Cause.MALFORMED).hasMessage("missing array field 'inputs'");
    assertRejected(OIP, "{\"id\": \"r1\", \"inputs\": []}", Cause.MALFORMED).hasMessage("'inputs' is empty");
    assertRejected(OIP, "{\"id\": \"r1\", \"inputs\": {}}", Cause.MALFORMED).hasMessage("missing array field 'inputs'");
    assertRejected(OIP, "{\"id\": \"r1\", \"inputs\": [7]}", Cause.MALFORMED).hasMessage("'inputs[0]' is not an object");
    assertRejected(OIP, "{\"id\": \"r1\", \"inputs\": [{\"name\": \"pixels\", \"shape\": [4], \"datatype\": \"FP32\"}]}", Cause.MALFORMED)
        .hasMessage("missing array field 'inputs[0].data'");
    assertRejected(OIP, "{\"id\": \"r1\", \"inputs\": [{\"shape\": [4], \"datatype\": \"FP32\", \"data\": [1, 2, 3, 4]}]}", Cause.MALFORMED)
        .hasMessage("'inputs[0]' has no string field 'name'");
  }

  @Test
  void asksWhichInputToScoreWhenThereAreSeveralAndNoSetting() {
    String json = "{\"id\": \"r1\", \"inputs\": [" + input("pixels", "[4]", "FP32", "[1, 2, 3, 4]") + ", "
        + input("mask", "[3]", "BOOL", "[true, false, true]") + "]}";
    assertRejected(OIP, json, Cause.MALFORMED).hasMessage("the request has 2 inputs (pixels, mask): name the one to score with --oip-input");
  }

  @Test
  void scoresTheInputNamedByTheSettingAmongSeveral() throws InvalidEventException {
    String json = "{\"id\": \"r1\", \"inputs\": [" + input("mask", "[3]", "BOOL", "[true, false, true]") + ", "
        + input("pixels", "[1, 4]", "FP32", "[1, 2, 3, 4]") + "]}";
    assertThat(parse(NAMED, json).features()).containsExactly(1f, 2f, 3f, 4f);
    assertThat(parse(NAMED, request("r2", "[4]", "FP32", "[4, 3, 2, 1]")).features())
        .as("also when it is the only one").containsExactly(4f, 3f, 2f, 1f);
    assertRejected(NAMED, json.replace("\"pixels\"", "\"image\""), Cause.MALFORMED)
        .hasMessage("no input named 'pixels' (--oip-input) among: mask, image");
  }

  @Test
  void refusesNonNumericDatatypes() {
    assertRejected(OIP, request("r1", "[4]", "BYTES", "[\"a\", \"b\", \"c\", \"d\"]"), Cause.MALFORMED)
        .hasMessage("'inputs[0]' has datatype BYTES; accepted: FP16, FP32, FP64, INT8..INT64, UINT8..UINT64");
    assertRejected(OIP, request("r1", "[4]", "BOOL", "[true, false, true, true]"), Cause.MALFORMED).hasMessageContaining("datatype BOOL");
    assertRejected(OIP, request("r1", "[4]", "fp32", "[1, 2, 3, 4]"), Cause.MALFORMED).hasMessageContaining("datatype fp32");
    assertRejected(OIP, "{\"id\": \"r1\", \"inputs\": [{\"name\": \"x\", \"shape\": [4], \"data\": [1, 2, 3, 4]}]}", Cause.MALFORMED)
        .hasMessage("'inputs[0]' has no string field 'datatype'");
  }

  @Test
  void rejectsValuesThatAreNotNumbersOrNotIntegersOfAnIntegerDatatype() {
    assertRejected(OIP, request("r1", "[4]", "FP32", "[1, \"2\", 3, 4]"), Cause.MALFORMED)
        .hasMessage("'inputs[0].data' value 1 is not a number: 2");
    assertRejected(OIP, request("r1", "[4]", "FP32", "[1, 2, {}, 4]"), Cause.MALFORMED).hasMessageContaining("value 2 is not a number: {");
    assertRejected(OIP, request("r1", "[4]", "INT32", "[1, 2.5, 3, 4]"), Cause.MALFORMED).hasMessage("'inputs[0].data' holds 2.5, not an INT32");
    assertRejected(OIP, request("r1", "[4]", "FP32", "\"AAAA\""), Cause.MALFORMED).hasMessage("missing array field 'inputs[0].data'");
  }

  @Test
  void rejectsNonFiniteValuesAsTheJsonParserDoes() {
    assertRejected(OIP, request("r1", "[4]", "FP32", "[1, 2, 1e39, 4]"), Cause.NON_FINITE).hasMessage("'inputs[0].data' value 2 is not finite: 1e39");
    assertRejected(OIP, request("r1", "[2, 2]", "FP64", "[[1, 2], [-1e400, 4]]"), Cause.NON_FINITE).hasMessageContaining("value 2 is not finite");
    // JSON has no NaN: Jackson refuses the token
    assertRejected(OIP, request("r1", "[4]", "FP32", "[1, NaN, 3, 4]"), Cause.MALFORMED).hasMessageStartingWith("malformed JSON");
  }

  @Test
  void rejectsARepeatedDataOrShapeFieldAsMalformed() {
    String shapes = request("r1", "[4]", "FP32", "[1, 2, 3, 4]").replace("\"shape\": [4]", "\"shape\": [2], \"shape\": [4]");
    assertRejected(OIP, shapes, Cause.MALFORMED).hasMessageContaining("Duplicate field 'shape'");
    String data = request("r1", "[4]", "FP32", "[1, 2, 3, 4]").replace("}]}", ", \"data\": [5, 6, 7, 8]}]}");
    assertRejected(OIP, data, Cause.MALFORMED).hasMessageContaining("Duplicate field 'data'");
  }

  @Test
  void rejectsAnOversizedRequestBeforeReadingIt() {
    String json = request("r1", "[4]", "FP32", "[1, 2, 3, 4]");
    EventParser small = new EventParser(INPUT, CLASSES, json.length() - 1, InputFormat.OIP);
    assertRejected(small, json, Cause.OVERSIZED).hasMessage("payload of " + json.length() + " bytes exceeds the limit of " + (json.length() - 1));
  }

  @Test
  void reportsMalformedJsonEvenAfterAFieldThatBreaksARule() {
    assertRejected(OIP, "{\"inputs\": [], \"id\": ", Cause.MALFORMED).hasMessageStartingWith("malformed JSON");
    assertRejected(OIP, "[1, 2]", Cause.MALFORMED).hasMessage("expected a JSON object");
  }

  @Test
  void checksTheRulesInAFixedOrderWhateverTheFieldOrder() {
    String broken = "{\"parameters\": {\"label\": 99}, \"inputs\": [" + input("pixels", "[2, 4]", "FP32", "[1]") + "], \"id\": \"\"}";
    assertRejected(OIP, broken, Cause.MISSING_ID);
    assertRejected(OIP, broken.replace("\"id\": \"\"", "\"id\": \"r1\""), Cause.WRONG_LENGTH);
    assertRejected(OIP, broken.replace("\"id\": \"\"", "\"id\": \"r1\"").replace("[2, 4]", "[4]").replace("[1]", "[1, 2, 3, 4]"), Cause.BAD_LABEL);
  }

  @Test
  void theSchemaRejectsWhatTheParserRefusesByStructure() {
    DocSchemas schemas = new DocSchemas();
    assertThat(schemas.errors("oip-request", "{\"inputs\": [" + input("x", "[4]", "FP32", "[1, 2, 3, 4]") + "]}")).as("no id").isNotEmpty();
    assertThat(schemas.errors("oip-request", "{\"id\": \"r1\"}")).as("no inputs").isNotEmpty();
    assertThat(schemas.errors("oip-request", request("r1", "[4]", "BYTES", "[\"a\", \"b\", \"c\", \"d\"]"))).as("BYTES").isNotEmpty();
    assertThat(schemas.errors("oip-request", request("r1", "[4]", "FP32", "[1, \"2\", 3, 4]"))).as("a string value").isNotEmpty();
  }
}
