package io.penultimate.onnx;

import io.penultimate.onnx.WireMessage.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What penultimate needs of an ONNX model's main graph: its nodes, inputs, outputs, the shapes the
 * file declares and the initializers' names and dimensions (never their data).
 *
 * <p>Read from the protobuf bytes without generated classes. The field numbers, from onnx.proto
 * (onnx 1.12, the same in every release since IR version 3):
 * <pre>
 * ModelProto          ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8
 * OperatorSetIdProto  domain = 1, version = 2
 * GraphProto          node = 1, initializer = 5, input = 11, output = 12, value_info = 13
 * NodeProto           input = 1, output = 2, name = 3, op_type = 4, attribute = 5
 * AttributeProto      name = 1, i = 3 (an INT attribute's value)
 * ValueInfoProto      name = 1, type = 2
 * TypeProto           tensor_type = 1;  TypeProto.Tensor  elem_type = 1, shape = 2
 * TensorShapeProto    dim = 1;  Dimension  dim_value = 1, dim_param = 2 (a oneof)
 * TensorProto         dims = 1, name = 8, data_location = 14 (1: EXTERNAL)
 * </pre>
 * Every other field is skipped. Graphs nested in attributes (If, Loop) and model-local functions
 * are not looked into: the final layers of a classifier are top-level nodes.
 *
 * @param opsets opset version by domain ("" is the default ONNX domain)
 * @param valueInfo the shapes the file declares for intermediate tensors, by name (often none)
 * @param initializers every initializer's dimensions, by name
 */
public record OnnxGraph(
    long irVersion,
    String producer,
    Map<String, Long> opsets,
    List<Node> nodes,
    List<Value> inputs,
    List<Value> outputs,
    Map<String, Value> valueInfo,
    Map<String, List<Long>> initializers) {

  static final int MODEL_GRAPH = 7;
  static final int GRAPH_OUTPUT = 12;
  static final int VALUE_INFO_NAME = 1;

  /** TensorProto.DataType values that appear in messages. */
  private static final Map<Integer, String> ELEMENT_TYPES = Map.of(
      1, "float", 2, "uint8", 3, "int8", 6, "int32", 7, "int64", 9, "bool", 10, "float16", 11, "double", 16, "bfloat16");

  static final int FLOAT = 1;

  public OnnxGraph {
    opsets = Map.copyOf(opsets);
    nodes = List.copyOf(nodes);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    valueInfo = Map.copyOf(valueInfo);
    initializers = Map.copyOf(initializers);
  }

  /** One operator: {@code ints} holds its INT attributes (transB, axis), the only kind read. */
  public record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Long> ints) {
    public Node {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
      ints = Map.copyOf(ints);
    }

    long intAttribute(String attribute, long otherwise) {
      return ints.getOrDefault(attribute, otherwise);
    }

    /** How messages name a node: by op type, and by name when it has one. */
    public String describe() {
      return name.isEmpty() ? opType : opType + " node '" + name + "'";
    }
  }

  /**
   * A graph input, output or value_info entry. {@code shape} is empty when the file declares none.
   *
   * @param elementType the TensorProto.DataType of the elements (1: float), 0 when not a tensor
   */
  public record Value(String name, int elementType, List<Dim> shape) {
    public Value {
      shape = List.copyOf(shape);
    }

    public String elementTypeName() {
      return OnnxGraph.elementTypeName(elementType);
    }

    /** Values per sample: the product of the dimensions after the first (the batch); 0 when one is not fixed. */
    public int valuesPerRow() {
      return Candidate.width(shape);
    }

    /** The shape as ONNX tools print it: [batch, 8]; [] when undeclared. */
    public String shapeText() {
      return shape.toString();
    }
  }

  /** One dimension: fixed ({@code value >= 0}), symbolic ({@code param}, e.g. "batch") or unknown (neither). */
  public record Dim(long value, String param) {
    static final Dim UNKNOWN = new Dim(-1, "");

    public boolean fixed() {
      return value >= 0;
    }

    @Override
    public String toString() {
      return fixed() ? Long.toString(value) : param.isEmpty() ? "?" : param;
    }
  }

  public static OnnxGraph parse(byte[] model) {
    WireMessage modelProto = WireMessage.of(model);
    long irVersion = 0;
    String producer = "";
    String producerVersion = "";
    Map<String, Long> opsets = new LinkedHashMap<>();
    WireMessage graph = null;
    for (Field field : modelProto.fields()) {
      switch (field.number()) {
        case 1 -> irVersion = field.value();
        case 2 -> producer = field.string();
        case 3 -> producerVersion = field.string();
        case MODEL_GRAPH -> graph = field.message();
        case 8 -> opsets.put(stringField(field.message(), 1).orElse(""), varintField(field.message(), 2).orElse(0L));
        default -> { }
      }
    }
    if (graph == null) {
      throw new IllegalArgumentException("not an ONNX model: found no graph (ModelProto field " + MODEL_GRAPH + ")");
    }
    return graph(graph, irVersion, (producer + " " + producerVersion).strip(), opsets);
  }

  private static OnnxGraph graph(WireMessage graph, long irVersion, String producer, Map<String, Long> opsets) {
    List<Node> nodes = new ArrayList<>();
    List<Value> inputs = new ArrayList<>();
    List<Value> outputs = new ArrayList<>();
    Map<String, Value> valueInfo = new LinkedHashMap<>();
    Map<String, List<Long>> initializers = new LinkedHashMap<>();
    for (Field field : graph.fields()) {
      switch (field.number()) {
        case 1 -> nodes.add(node(field.message()));
        case 5 -> {
          String name = stringField(field.message(), 8).orElse("");
          requireEmbeddedData(field.message(), name);
          initializers.put(name, field.message().fields(1).stream().flatMap(f -> f.varints().stream()).toList());
        }
        case 11 -> inputs.add(value(field.message()));
        case GRAPH_OUTPUT -> outputs.add(value(field.message()));
        case 13 -> {
          Value value = value(field.message());
          valueInfo.put(value.name(), value);
        }
        default -> { }
      }
    }
    return new OnnxGraph(irVersion, producer, opsets, nodes, inputs, outputs, valueInfo, initializers);
  }

  /** ONNX Runtime reads the model from bytes here, so it could not find the files external data lives in. */
  private static void requireEmbeddedData(WireMessage tensor, String name) {
    if (varintField(tensor, 14).orElse(0L) == 1) {
      throw new IllegalArgumentException(
          "initializer '" + name + "' keeps its data in an external file, expected every weight inside the .onnx file"
              + " (onnx.save_model(model, path, save_as_external_data=False))");
    }
  }

  private static Node node(WireMessage node) {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String opType = "";
    Map<String, Long> ints = new LinkedHashMap<>();
    for (Field field : node.fields()) {
      switch (field.number()) {
        case 1 -> inputs.add(field.string());
        case 2 -> outputs.add(field.string());
        case 3 -> name = field.string();
        case 4 -> opType = field.string();
        case 5 -> {
          WireMessage attribute = field.message();
          Optional<Long> value = varintField(attribute, 3);
          if (value.isPresent()) {
            ints.put(stringField(attribute, 1).orElse(""), value.get());
          }
        }
        default -> { }
      }
    }
    return new Node(name, opType, inputs, outputs, ints);
  }

  private static Value value(WireMessage valueInfo) {
    String name = stringField(valueInfo, VALUE_INFO_NAME).orElse("");
    Optional<WireMessage> tensor = messageField(valueInfo, 2).flatMap(type -> messageField(type, 1));
    if (tensor.isEmpty()) {
      return new Value(name, 0, List.of());
    }
    int elementType = varintField(tensor.get(), 1).orElse(0L).intValue();
    List<Dim> shape = messageField(tensor.get(), 2)
        .map(s -> s.fields(1).stream().map(f -> dim(f.message())).toList())
        .orElse(List.of());
    return new Value(name, elementType, shape);
  }

  private static Dim dim(WireMessage dimension) {
    Optional<Long> value = varintField(dimension, 1);
    if (value.isPresent()) {
      return new Dim(value.get(), "");
    }
    return stringField(dimension, 2).map(param -> new Dim(-1, param)).orElse(Dim.UNKNOWN);
  }

  /** The last occurrence of a singular field, as protobuf parsers take it. */
  private static Optional<Field> last(WireMessage message, int number) {
    List<Field> fields = message.fields(number);
    return fields.isEmpty() ? Optional.empty() : Optional.of(fields.get(fields.size() - 1));
  }

  private static Optional<String> stringField(WireMessage message, int number) {
    return last(message, number).map(Field::string);
  }

  private static Optional<Long> varintField(WireMessage message, int number) {
    return last(message, number).map(Field::value);
  }

  private static Optional<WireMessage> messageField(WireMessage message, int number) {
    return last(message, number).map(Field::message);
  }

  /** The node that produces a tensor, if any (a graph input or an initializer has none). */
  public Optional<Node> producer(String tensor) {
    return nodes.stream().filter(n -> n.outputs().contains(tensor)).findFirst();
  }

  /** The nodes that read a tensor, in graph order. */
  public List<Node> consumers(String tensor) {
    return nodes.stream().filter(n -> n.inputs().contains(tensor)).toList();
  }

  /** The graph inputs that are not initializers (IR versions before 4 list initializers as inputs too). */
  public List<Value> modelInputs() {
    return inputs.stream().filter(v -> !initializers.containsKey(v.name())).toList();
  }

  static String elementTypeName(int elementType) {
    return ELEMENT_TYPES.getOrDefault(elementType, "type " + elementType);
  }
}
