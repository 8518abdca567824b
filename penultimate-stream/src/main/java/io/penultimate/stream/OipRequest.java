package io.penultimate.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.penultimate.stream.EventParser.Checked;
import io.penultimate.stream.InvalidEventException.Cause;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an Open Inference Protocol inference request (KServe's and Seldon's "V2 inference
 * protocol"), as a team that logs its serving requests to Kafka has them, into one event. The
 * protocol's REST request (kserve/open-inference-protocol, specification/protocol/inference_rest.md,
 * "Inference Request JSON Object" and "Request Input"):
 *
 * <pre>
 *   $inference_request = {"id": $string #optional, "parameters": $parameters #optional,
 *                         "inputs": [$request_input, ...], "outputs": [$request_output, ...] #optional}
 *   $request_input     = {"name": $string, "shape": [$number, ...], "datatype": $string,
 *                         "parameters": $parameters #optional, "data": $tensor_data}
 * </pre>
 *
 * where a batched input's shape and data cover the whole batch and the data are the tensor's
 * elements in row-major order, flat or nested as the shape ("Tensor Data", same document).
 * What we add, because a scored record is one event with an id: "id" is required; exactly one
 * input is scored (the one named by {@code --oip-input} when there are several); its datatype is
 * numeric (FP16/32/64, INT8..64, UINT8..64, converted to float; BOOL and BYTES are refused); its
 * shape has as many elements as the model's input, with a leading batch dimension of 1 allowed and
 * anything larger refused (one event per request); every value is finite; {@code parameters.label}
 * is the optional class index, as {@code label} in a JSON event. Requests carry no event time:
 * the record's timestamp is used. A field given twice in one object is malformed. Read token by
 * token, like {@link EventParser}'s JSON, and checked
 * in a fixed order (malformed JSON, id, inputs, label) whatever the field order.
 */
final class OipRequest {
  private static final Set<String> NUMERIC = Set.of(
      "FP16", "FP32", "FP64", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64");

  private final int inputSize;
  private final int numClasses;
  private final String inputName;

  /** @param inputName the input to score, or null when a request must carry exactly one */
  OipRequest(int inputSize, int numClasses, String inputName) {
    this.inputSize = inputSize;
    this.numClasses = numClasses;
    this.inputName = inputName;
  }

  /** The request's event; the caller has checked the payload's size. */
  InputEvent parse(byte[] value, long recordTimestamp) throws InvalidEventException {
    Request request = read(value);
    // arguments are evaluated left to right: the rules are checked in this order
    return new InputEvent(request.id(), selected(request).features(), request.label(), recordTimestamp);
  }

  private Request read(byte[] value) throws InvalidEventException {
    Request request = new Request();
    try (JsonParser parser = EventParser.JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidEventException(Cause.MALFORMED, "expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        switch (name) {
          case "id" -> request.id = text(parser, token);
          case "parameters" -> request.label = parameters(parser, token);
          case "inputs" -> request.inputs = inputs(parser, token);
          default -> parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw new InvalidEventException(Cause.MALFORMED, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidEventException(Cause.MALFORMED, "unreadable payload: " + e.getMessage());
    }
    return request;
  }

  /** What {@link #read} found; absent fields stay null. */
  private static final class Request {
    private String id;
    private Checked<List<Tensor>> inputs;
    private Checked<OptionalInt> label;

    String id() throws InvalidEventException {
      return EventParser.checkedId(id);
    }

    OptionalInt label() throws InvalidEventException {
      return label == null ? OptionalInt.empty() : label.get();
    }
  }

  /** The input to score: the only one, or the one named by {@code --oip-input}. */
  private Tensor selected(Request request) throws InvalidEventException {
    if (request.inputs == null) {
      throw new InvalidEventException(Cause.MALFORMED, "missing array field 'inputs'");
    }
    List<Tensor> inputs = request.inputs.get();
    for (Tensor input : inputs) {
      if (input.name == null) {
        throw new InvalidEventException(Cause.MALFORMED, "'" + input.path + "' has no string field 'name'");
      }
    }
    String names = inputs.stream().map(input -> Reasons.excerpt(input.name)).collect(Collectors.joining(", "));
    if (inputName != null) {
      return inputs.stream().filter(input -> input.name.equals(inputName)).findFirst().orElseThrow(
          () -> new InvalidEventException(Cause.MALFORMED, "no input named '" + inputName + "' (--oip-input) among: " + names));
    }
    if (inputs.size() != 1) {
      throw new InvalidEventException(Cause.MALFORMED,
          "the request has " + inputs.size() + " inputs (" + names + "): name the one to score with --oip-input");
    }
    return inputs.get(0);
  }

  private Checked<List<Tensor>> inputs(JsonParser parser, JsonToken token) throws IOException {
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return Checked.broken(Cause.MALFORMED, "missing array field 'inputs'");
    }
    List<Tensor> inputs = new ArrayList<>();
    Checked<List<Tensor>> problem = null;
    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
      String path = "inputs[" + inputs.size() + "]";
      if (element == JsonToken.START_OBJECT) {
        inputs.add(tensor(parser, path));
      } else {
        inputs.add(new Tensor(path));
        parser.skipChildren();
        problem = problem != null ? problem : Checked.broken(Cause.MALFORMED, "'" + path + "' is not an object");
      }
    }
    if (inputs.isEmpty()) {
      return Checked.broken(Cause.MALFORMED, "'inputs' is empty");
    }
    return problem != null ? problem : Checked.ok(inputs);
  }

  private Checked<OptionalInt> parameters(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return Checked.broken(Cause.MALFORMED, "'parameters' must be an object");
    }
    Checked<OptionalInt> label = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("label".equals(name)) {
        label = EventParser.label(parser, value, numClasses, "parameters.label");
      } else {
        parser.skipChildren();
      }
    }
    return label;
  }

  /** One request input as read; checked by {@link #features()} once it is the one scored. */
  private final class Tensor {
    private final String path;
    private String name;
    private String datatype;
    private List<Long> shape;
    private boolean shapeBroken;
    private boolean hasData;
    private float[] values;
    private int count;
    private InvalidEventException dataProblem;
    private String firstFraction;

    Tensor(String path) {
      this.path = path;
    }

    float[] features() throws InvalidEventException {
      if (datatype == null) {
        throw new InvalidEventException(Cause.MALFORMED, "'" + path + "' has no string field 'datatype'");
      }
      if (!NUMERIC.contains(datatype)) {
        throw new InvalidEventException(Cause.MALFORMED,
            "'" + path + "' has datatype " + Reasons.excerpt(datatype) + "; accepted: FP16, FP32, FP64, INT8..INT64, UINT8..UINT64");
      }
      if (shape == null || shapeBroken) {
        throw new InvalidEventException(Cause.MALFORMED, "'" + path + ".shape' must be an array of non-negative integers");
      }
      long elements = product(shape, 0);
      if (shape.size() >= 2 && shape.get(0) > 1 && product(shape, 1) == inputSize) {
        throw new InvalidEventException(Cause.WRONG_LENGTH,
            "one event per request: '" + path + "' has shape " + shape + ", a batch of " + shape.get(0));
      }
      if (elements != inputSize) {
        throw new InvalidEventException(Cause.WRONG_LENGTH,
            "'" + path + "' has shape " + shape + " (" + elements + " values), the model expects " + inputSize);
      }
      if (!hasData) {
        throw new InvalidEventException(Cause.MALFORMED, "missing array field '" + path + ".data'");
      }
      if (count != elements) {
        throw new InvalidEventException(Cause.WRONG_LENGTH,
            "'" + path + ".data' has " + count + " values, its shape " + shape + " declares " + elements);
      }
      if (dataProblem != null) {
        throw dataProblem;
      }
      if (firstFraction != null && datatype.contains("INT")) {
        throw new InvalidEventException(Cause.MALFORMED, "'" + path + ".data' holds " + Reasons.excerpt(firstFraction) + ", not an " + datatype);
      }
      return values;
    }
  }

  /** The product of {@code shape}'s dimensions from {@code from} on, saturating at Long.MAX_VALUE. */
  private static long product(List<Long> shape, int from) {
    long product = 1;
    for (long dimension : shape.subList(from, shape.size())) {
      try {
        product = Math.multiplyExact(product, dimension);
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
    return product;
  }

  private Tensor tensor(JsonParser parser, String path) throws IOException {
    Tensor tensor = new Tensor(path);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (name) {
        case "name" -> tensor.name = text(parser, token);
        case "datatype" -> tensor.datatype = text(parser, token);
        case "shape" -> shape(parser, token, tensor);
        case "data" -> data(parser, token, tensor);
        default -> parser.skipChildren();
      }
    }
    return tensor;
  }

  private static void shape(JsonParser parser, JsonToken token, Tensor tensor) throws IOException {
    tensor.shape = new ArrayList<>();
    if (token != JsonToken.START_ARRAY) {
      parser.skipChildren();
      tensor.shapeBroken = true;
      return;
    }
    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
      JsonParser.NumberType type = element == JsonToken.VALUE_NUMBER_INT ? parser.getNumberType() : null;
      if ((type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) && parser.getLongValue() >= 0) {
        tensor.shape.add(parser.getLongValue());
      } else {
        parser.skipChildren();
        tensor.shapeBroken = true;
      }
    }
  }

  private void data(JsonParser parser, JsonToken token, Tensor tensor) throws IOException {
    // read once: a repeated field is malformed JSON (EventParser.JSON detects duplicates)
    tensor.hasData = token == JsonToken.START_ARRAY;
    if (!tensor.hasData) {
      parser.skipChildren();
      return;
    }
    tensor.values = new float[inputSize];
    elements(parser, tensor);
  }

  /**
   * Reads an array's numbers in row-major order, descending into nested arrays (their depth is
   * bounded by Jackson's nesting limit, 1000 by default). Only the first {@code inputSize} are
   * kept; the rest are counted.
   */
  private void elements(JsonParser parser, Tensor tensor) throws IOException {
    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
      if (element == JsonToken.START_ARRAY) {
        elements(parser, tensor);
        continue;
      }
      int index = tensor.count++;
      if (tensor.dataProblem != null) {
        parser.skipChildren();
      } else if (element != JsonToken.VALUE_NUMBER_INT && element != JsonToken.VALUE_NUMBER_FLOAT) {
        tensor.dataProblem = new InvalidEventException(Cause.MALFORMED,
            "'" + tensor.path + ".data' value " + index + " is not a number: " + EventParser.skipValue(parser, element));
      } else {
        double d = parser.getDoubleValue();
        if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
          tensor.dataProblem = new InvalidEventException(Cause.NON_FINITE,
              "'" + tensor.path + ".data' value " + index + " is not finite: " + Reasons.excerpt(parser.getText()));
        }
        if (element == JsonToken.VALUE_NUMBER_FLOAT && tensor.firstFraction == null && d != Math.rint(d)) {
          tensor.firstFraction = parser.getText();
        }
        if (index < inputSize) {
          tensor.values[index] = (float) d;
        }
      }
    }
  }

  /** A string value, or null (after skipping it) for any other. */
  private static String text(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }
}
