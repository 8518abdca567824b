package io.penultimate.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.onnx.OnnxGraph.Node;
import io.penultimate.onnx.OnnxGraph.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The graph read from protobuf bytes, against what the onnx Python package prints for the fixtures. */
class OnnxGraphTest {

  private static byte[] bytes(String name) throws Exception {
    return Files.readAllBytes(Fixture.path(name));
  }

  @Test
  void readsTheNodesTheirAttributesTheInputsShapesAndTheInitializerDimensions() throws Exception {
    OnnxGraph graph = OnnxGraph.parse(bytes("cnn.onnx"));

    assertThat(graph.irVersion()).isEqualTo(7);
    assertThat(graph.opsets()).isEqualTo(Map.of("", 13L));
    assertThat(graph.producer()).startsWith("pytorch 1.13");
    assertThat(graph.nodes()).extracting(Node::opType)
        .containsExactly("Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm");
    assertThat(graph.nodes().get(6)).isEqualTo(new Node("/out/Gemm", "Gemm", List.of("/act2/Relu_output_0", "out.weight", "out.bias"),
        List.of("logits"), Map.of("transB", 1L)));
    assertThat(graph.inputs()).extracting(Value::name, Value::elementTypeName, Value::shapeText)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("input", "float", "[batch, 1, 8, 8]"));
    assertThat(graph.outputs().get(0).shapeText()).isEqualTo("[batch, 3]");
    assertThat(graph.initializers()).containsEntry("conv.weight", List.of(4L, 1L, 3L, 3L)).containsEntry("fc.weight", List.of(16L, 64L));
  }

  @Test
  void readsAFixedDimensionAsItsValue() throws Exception {
    assertThat(OnnxGraph.parse(bytes("mlp-fixed-batch.onnx")).inputs().get(0).shapeText()).isEqualTo("[6, 8]");
  }

  @Test
  void readsRepeatedIntegersPackedAsWellAsOneFieldEach() {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    packed.writeBytes(new byte[] {3, (byte) 0xac, 0x02}); // 3, 300 as varints
    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
    WireMessage.writeField(tensor, 1, packed.toByteArray());
    tensor.writeBytes(new byte[] {0x08, 0x07}); // field 1, varint 7: one more, unpacked
    WireMessage.writeField(tensor, 8, "w".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    WireMessage.writeField(graph, 5, tensor.toByteArray());
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    WireMessage.writeField(model, OnnxGraph.MODEL_GRAPH, graph.toByteArray());

    assertThat(OnnxGraph.parse(model.toByteArray()).initializers()).isEqualTo(Map.of("w", List.of(3L, 300L, 7L)));
  }

  @Test
  void refusesBytesThatAreNoOnnxModelInOneLine() {
    byte[] zip = "PK\u0003\u0004 a zip file, not a model".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> OnnxGraph.parse(zip))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an ONNX model: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void declaresMoreGraphOutputsAndKeepsEverythingElse() throws Exception {
    byte[] model = bytes("mlp.onnx");

    OnnxGraph edited = OnnxGraph.parse(GraphOutputs.withOutputs(model, List.of("/act1/Relu_output_0", "/act2/Sigmoid_output_0")));

    OnnxGraph original = OnnxGraph.parse(model);
    assertThat(edited.outputs()).extracting(Value::name).containsExactly("logits", "/act1/Relu_output_0", "/act2/Sigmoid_output_0");
    assertThat(edited.nodes()).isEqualTo(original.nodes());
    assertThat(edited.inputs()).isEqualTo(original.inputs());
    assertThat(edited.initializers()).isEqualTo(original.initializers());
    assertThat(edited.opsets()).isEqualTo(original.opsets());
  }
}
