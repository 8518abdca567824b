package io.penultimate.onnx;

import io.penultimate.onnx.OnnxGraph.Dim;
import io.penultimate.onnx.OnnxGraph.Node;
import io.penultimate.onnx.OnnxGraph.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tensor that could be read as a hidden layer: the activations a linear operation (Gemm, MatMul,
 * or a convolution, which a fully convolutional classifier ends in) reads, or what an activation
 * function produced. The graph's outputs are not candidates.
 *
 * @param width values per sample, as far as the file says (a weight's dimensions or a declared
 *     shape); 0 when it does not
 * @param producedBy the op type of the node that produced it
 * @param readBy the op types of the nodes that read it, in graph order
 */
public record Candidate(String tensor, int width, String producedBy, List<String> readBy) {

  public Candidate {
    readBy = List.copyOf(readBy);
  }

  /** Element-wise activation functions, as ONNX names them (PyTorch's ReLU6 is exported as Clip). */
  static final Set<String> ACTIVATIONS = Set.of(
      "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Gelu", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh",
      "Softplus", "Softsign", "Mish", "ThresholdedRelu", "Clip");

  static final Set<String> LINEAR = Set.of("Gemm", "MatMul");

  /** Operations whose first input, activations by batch, is a candidate: the linear ones, and convolutions. */
  private static final Set<String> READ_AS_FEATURES = Set.of("Gemm", "MatMul", "Conv");

  public Candidate withWidth(int measured) {
    return new Candidate(tensor, measured, producedBy, readBy);
  }

  /** Every candidate of the graph, in the order their producers appear. */
  static List<Candidate> of(OnnxGraph graph) {
    Set<String> outputs = Set.copyOf(graph.outputs().stream().map(Value::name).toList());
    Map<String, Candidate> found = new LinkedHashMap<>();
    for (Node node : graph.nodes()) {
      for (String tensor : node.outputs()) {
        List<Node> readers = graph.consumers(tensor);
        boolean readAsFeatures = readers.stream().anyMatch(r -> READ_AS_FEATURES.contains(r.opType()) && r.inputs().get(0).equals(tensor));
        if (!outputs.contains(tensor) && (ACTIVATIONS.contains(node.opType()) || readAsFeatures)) {
          found.put(tensor, new Candidate(tensor, width(graph, tensor), node.opType(), readers.stream().map(Node::opType).toList()));
        }
      }
    }
    return List.copyOf(found.values());
  }

  /**
   * Values per sample of a tensor, from what the file states: a declared shape [batch, d1, ..., dk]
   * gives d1 · ... · dk; the 2-D weight B of a Gemm or MatMul reading the tensor as A gives K, since
   * Gemm computes A·B (B is K × N), or A·Bᵀ when transB = 1 (B is N × K), and MatMul computes A·B.
   * 0 when neither says.
   */
  static int width(OnnxGraph graph, String tensor) {
    Optional<Value> declared = Optional.ofNullable(graph.valueInfo().get(tensor))
        .or(() -> graph.outputs().stream().filter(v -> v.name().equals(tensor)).findFirst());
    if (declared.isPresent()) {
      int width = width(declared.get().shape());
      if (width > 0) {
        return width;
      }
    }
    for (Node reader : graph.consumers(tensor)) {
      if (LINEAR.contains(reader.opType()) && reader.inputs().get(0).equals(tensor) && reader.inputs().size() > 1) {
        List<Long> weight = graph.initializers().get(reader.inputs().get(1));
        if (weight != null && weight.size() == 2) {
          boolean transposed = reader.opType().equals("Gemm") && reader.intAttribute("transB", 0) == 1;
          return Math.toIntExact(weight.get(transposed ? 1 : 0));
        }
      }
    }
    return 0;
  }

  /** The product of every dimension after the first (the batch), or 0 when one of them is not fixed. */
  static int width(List<Dim> shape) {
    if (shape.size() < 2) {
      return 0;
    }
    long width = 1;
    for (Dim dim : shape.subList(1, shape.size())) {
      if (!dim.fixed()) {
        return 0;
      }
      width *= dim.value();
    }
    return Math.toIntExact(width);
  }
}
