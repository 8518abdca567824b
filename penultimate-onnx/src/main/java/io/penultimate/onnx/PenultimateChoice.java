package io.penultimate.onnx;

import io.penultimate.onnx.OnnxGraph.Dim;
import io.penultimate.onnx.OnnxGraph.Node;
import io.penultimate.onnx.OnnxGraph.Value;
import java.util.List;
import java.util.Optional;

/**
 * Which tensors of an ONNX classifier penultimate reads, and why.
 *
 * <p>The logits are the graph's single output or, when a Softmax node produces that output, the
 * Softmax's input: the model then outputs probabilities, and softmax(z) loses the logits' offset
 * that the energy score needs. The penultimate tensor is the activations the final linear
 * operation reads: A in Gemm(A, B, C), or in MatMul(A, B) alone or followed by Add(·, bias). A
 * tensor named by the hidden-layer setting replaces it.
 *
 * @param input the model's one input, batch dimension first and dynamic
 * @param output the graph's output: the logits, or softmax(logits) when {@code probabilities}
 * @param hidden the tensor read as the hidden layer
 * @param width values per sample of {@code hidden} as the file states them; 0 when it does not
 *     (ONNX Runtime's shape inference tells, see {@link OnnxModel})
 * @param classes the logits' width as the file states it; 0 when it does not
 * @param reason why {@code hidden} was chosen, for people
 */
public record PenultimateChoice(
    Value input, String output, boolean probabilities, String logits, String hidden, int width, int classes, String reason) {

  /**
   * {@code hiddenLayer}: a tensor name, or null to take the input of the final linear operation. A
   * named tensor skips that search, so a graph that ends in no Gemm or MatMul (a convolution, a
   * custom op) can still be read; its width then comes from a declared shape, or later from ONNX
   * Runtime ({@link OnnxModel}).
   */
  public static PenultimateChoice of(OnnxGraph graph, String hiddenLayer) {
    Value input = input(graph);
    if (graph.outputs().size() != 1) {
      throw new IllegalArgumentException("the graph has " + graph.outputs().size() + " outputs "
          + graph.outputs().stream().map(Value::name).toList() + ", expected one: the logits or the probabilities");
    }
    Value output = graph.outputs().get(0);
    Optional<Node> softmax = graph.producer(output.name()).filter(n -> n.opType().equals("Softmax"));
    String logits = softmax.map(n -> n.inputs().get(0)).orElse(output.name());
    int declaredClasses = Candidate.width(output.shape());
    if (hiddenLayer != null) {
      return named(graph, input, output, softmax.isPresent(), logits, hiddenLayer, declaredClasses);
    }
    Linear linear = finalLinear(graph, logits);
    String ending = softmax.isPresent() ? ", the input of the final Softmax" : "";
    return new PenultimateChoice(input, output.name(), softmax.isPresent(), logits, linear.input(), linear.width(),
        linear.classes() > 0 ? linear.classes() : declaredClasses, linear.reason() + ending);
  }

  private static PenultimateChoice named(
      OnnxGraph graph, Value input, Value output, boolean probabilities, String logits, String hidden, int classes) {
    if (graph.producer(hidden).isEmpty()) {
      throw new IllegalArgumentException("hidden layer '" + hidden + "' is not a tensor any node of the graph produces;"
          + " candidates are " + Candidate.of(graph).stream().map(Candidate::tensor).toList());
    }
    int linearClasses = classes;
    try {
      linearClasses = finalLinear(graph, logits).classes();
    } catch (IllegalArgumentException e) {
      // no linear operation at the end: the declared output shape, or ONNX Runtime, gives the class count
    }
    return new PenultimateChoice(input, output.name(), probabilities, logits, hidden, Candidate.width(graph, hidden),
        linearClasses > 0 ? linearClasses : classes, "named by the hidden-layer setting");
  }

  /** The graph's one input: float, batch first and dynamic, every other dimension fixed. */
  private static Value input(OnnxGraph graph) {
    List<Value> inputs = graph.modelInputs();
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(
          "the graph has " + inputs.size() + " inputs " + inputs.stream().map(Value::name).toList() + ", expected one");
    }
    Value input = inputs.get(0);
    String name = "input '" + input.name() + "'";
    if (input.elementType() != OnnxGraph.FLOAT) {
      throw new IllegalArgumentException(name + " holds " + input.elementTypeName() + " values, expected float");
    }
    if (input.shape().size() < 2) {
      throw new IllegalArgumentException(name + " has shape " + input.shapeText() + ", expected a batch dimension and features: [batch, ...]");
    }
    if (input.shape().get(0).fixed()) {
      throw new IllegalArgumentException(name + " has a fixed batch dimension, shape " + input.shapeText()
          + "; expected a dynamic first dimension: export with dynamic_axes={'" + input.name() + "': {0: 'batch'}}");
    }
    if (!input.shape().subList(1, input.shape().size()).stream().allMatch(Dim::fixed)) {
      throw new IllegalArgumentException(name + " has shape " + input.shapeText() + ", expected every dimension after the batch to be fixed");
    }
    return input;
  }

  /** The activations a linear operation reads, the widths its weight gives (0 when not an initializer), and why it was taken. */
  private record Linear(String input, int width, int classes, String reason) {}

  private static Linear finalLinear(OnnxGraph graph, String logits) {
    Node last = graph.producer(logits).orElseThrow(() -> new IllegalArgumentException(
        "the logits '" + logits + "' are not computed by any node, expected the output of a Gemm, MatMul or Add"));
    String quoted = "'" + logits + "'";
    if (last.opType().equals("Gemm") || last.opType().equals("MatMul")) {
      return linear(graph, last, "the input of the " + last.opType() + " that computes the logits " + quoted);
    }
    if (last.opType().equals("Add") && last.inputs().size() == 2) {
      for (int i = 0; i < 2; i++) {
        Optional<Node> matMul = graph.producer(last.inputs().get(i)).filter(n -> n.opType().equals("MatMul"));
        String bias = last.inputs().get(1 - i);
        if (matMul.isPresent() && graph.initializers().containsKey(bias)) {
          return linear(graph, matMul.get(), "the input of the MatMul whose output plus the bias '" + bias + "' (Add) is the logits " + quoted);
        }
      }
    }
    throw new IllegalArgumentException("the logits " + quoted + " are computed by " + last.describe()
        + ", expected Gemm, or MatMul followed by Add of a bias; name the hidden layer with --hidden-layer, one of "
        + Candidate.of(graph).stream().map(Candidate::tensor).toList());
  }

  private static Linear linear(OnnxGraph graph, Node node, String reason) {
    String activations = node.inputs().get(0);
    if (graph.initializers().containsKey(activations)) {
      throw new IllegalArgumentException(node.describe() + " multiplies the initializer '" + activations
          + "' by the activations, expected the activations first (batch first), as in x·W");
    }
    if (graph.inputs().stream().anyMatch(v -> v.name().equals(activations))) {
      throw new IllegalArgumentException(node.describe() + " reads the model's input '" + activations
          + "' directly, expected a hidden layer between them: the model has none");
    }
    if (node.intAttribute("transA", 0) != 0) {
      throw new IllegalArgumentException(node.describe() + " transposes its input (transA = 1), expected the batch first");
    }
    List<Long> weight = node.inputs().size() > 1 ? graph.initializers().get(node.inputs().get(1)) : null;
    int classes = 0;
    if (weight != null && weight.size() == 2) {
      boolean transposed = node.opType().equals("Gemm") && node.intAttribute("transB", 0) == 1;
      classes = Math.toIntExact(weight.get(transposed ? 0 : 1));
    }
    return new Linear(activations, Candidate.width(graph, activations), classes, reason);
  }
}
