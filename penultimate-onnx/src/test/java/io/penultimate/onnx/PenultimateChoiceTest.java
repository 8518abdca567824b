package io.penultimate.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.onnx.OnnxGraph.Dim;
import io.penultimate.onnx.OnnxGraph.Node;
import io.penultimate.onnx.OnnxGraph.Value;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tensors read from a graph, on the exported fixtures and on small graphs written here. */
class PenultimateChoiceTest {

  private static OnnxGraph fixture(String name) throws Exception {
    return OnnxGraph.parse(Files.readAllBytes(Fixture.path(name + ".onnx")));
  }

  @Test
  void findsThePenultimateTensorAsTheInputOfTheFinalGemm() throws Exception {
    PenultimateChoice choice = PenultimateChoice.of(fixture("mlp"), null);

    assertThat(choice.hidden()).isEqualTo("/act2/Sigmoid_output_0");
    assertThat(choice.logits()).isEqualTo("logits");
    assertThat(choice.probabilities()).isFalse();
    assertThat(choice.width()).isEqualTo(12);
    assertThat(choice.classes()).isEqualTo(3);
    assertThat(choice.reason()).isEqualTo("the input of the Gemm that computes the logits 'logits'");
  }

  @Test
  void findsThePenultimateTensorAsTheInputOfAMatMulFollowedByAnAdd() throws Exception {
    PenultimateChoice choice = PenultimateChoice.of(fixture("mlp-matmul"), null);

    assertThat(choice.hidden()).isEqualTo("/act2/Sigmoid_output_0");
    assertThat(choice.width()).isEqualTo(12);
    assertThat(choice.classes()).isEqualTo(3);
    assertThat(choice.reason()).isEqualTo("the input of the MatMul whose output plus the bias 'bias' (Add) is the logits 'logits'");
  }

  @Test
  void takesTheInputOfAFinalSoftmaxAsTheLogits() throws Exception {
    PenultimateChoice choice = PenultimateChoice.of(fixture("mlp-softmax"), null);

    assertThat(choice.output()).isEqualTo("probabilities");
    assertThat(choice.probabilities()).isTrue();
    assertThat(choice.logits()).isEqualTo("/mlp/out/Gemm_output_0");
    assertThat(choice.hidden()).isEqualTo("/mlp/act2/Sigmoid_output_0");
    assertThat(choice.reason()).endsWith(", the input of the final Softmax");
  }

  @Test
  void takesTheTensorTheHiddenLayerSettingNames() throws Exception {
    PenultimateChoice choice = PenultimateChoice.of(fixture("cnn"), "/Flatten_output_0");

    assertThat(choice.hidden()).isEqualTo("/Flatten_output_0");
    assertThat(choice.width()).isEqualTo(64);
    assertThat(choice.classes()).isEqualTo(3);
    assertThat(choice.reason()).isEqualTo("named by the hidden-layer setting");
  }

  @Test
  void refusesAFixedBatchDimensionInOneLineNamingTheInputAndItsShape() {
    assertThatThrownBy(() -> PenultimateChoice.of(fixture("mlp-fixed-batch"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("input 'input' has a fixed batch dimension, shape [6, 8]; expected a dynamic first dimension:"
            + " export with dynamic_axes={'input': {0: 'batch'}}");
  }

  @Test
  void refusesAHiddenLayerThatIsNotInTheGraphNamingTheCandidates() {
    assertThatThrownBy(() -> PenultimateChoice.of(fixture("mlp"), "/act3/Relu_output_0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hidden layer '/act3/Relu_output_0' is not a tensor any node of the graph produces;"
            + " candidates are [/act1/Relu_output_0, /act2/Sigmoid_output_0]");
  }

  @Test
  void readsTheWidthFromTheRowsOfAGemmWeightThatIsNotTransposed() {
    OnnxGraph graph = graph(List.of(
        node("Relu", List.of("input"), "h", Map.of()),
        node("Gemm", List.of("h", "w", "b"), "logits", Map.of("transB", 0L))),
        Map.of("w", List.of(5L, 4L), "b", List.of(4L)));

    PenultimateChoice choice = PenultimateChoice.of(graph, null);

    assertThat(choice.hidden()).isEqualTo("h");
    assertThat(choice.width()).isEqualTo(5);
    assertThat(choice.classes()).isEqualTo(4);
  }

  @Test
  void refusesLogitsThatNoLinearOperationComputesNamingTheCandidates() {
    OnnxGraph graph = graph(List.of(
        node("Gemm", List.of("input", "w", "b"), "z", Map.of("transB", 1L)),
        node("Tanh", List.of("z"), "h", Map.of()),
        node("Relu", List.of("h"), "logits", Map.of())),
        Map.of("w", List.of(4L, 5L), "b", List.of(4L)));

    assertThatThrownBy(() -> PenultimateChoice.of(graph, null))
        .hasMessage("the logits 'logits' are computed by Relu, expected Gemm, or MatMul followed by Add of a bias;"
            + " name the hidden layer with --hidden-layer, one of [h]");
  }

  @Test
  void refusesAClassifierWithoutAHiddenLayer() {
    OnnxGraph graph = graph(List.of(node("Gemm", List.of("input", "w", "b"), "logits", Map.of("transB", 1L))),
        Map.of("w", List.of(4L, 5L), "b", List.of(4L)));

    assertThatThrownBy(() -> PenultimateChoice.of(graph, null))
        .hasMessage("Gemm reads the model's input 'input' directly, expected a hidden layer between them: the model has none");
  }

  /** A graph reading 5 floats per row into "input" and writing "logits". */
  private static OnnxGraph graph(List<Node> nodes, Map<String, List<Long>> initializers) {
    Value input = new Value("input", OnnxGraph.FLOAT, List.of(new Dim(-1, "batch"), new Dim(5, "")));
    Value logits = new Value("logits", OnnxGraph.FLOAT, List.of());
    return new OnnxGraph(8, "test", Map.of("", 13L), nodes, List.of(input), List.of(logits), Map.of(), initializers);
  }

  private static Node node(String opType, List<String> inputs, String output, Map<String, Long> ints) {
    return new Node("", opType, inputs, List.of(output), ints);
  }
}
