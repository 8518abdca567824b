package io.penultimate.onnx;

import io.penultimate.onnx.WireMessage.Field;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Declares more of a model's tensors as graph outputs, in a copy of its bytes: ONNX Runtime returns
 * only declared outputs, and the penultimate tensor is an intermediate one. Each name becomes a
 * ValueInfoProto holding only its name (field 1), appended to GraphProto.output (field 12) of
 * ModelProto.graph (field 7); ONNX Runtime infers its type and shape when it loads the graph. The
 * graph field is rewritten in place with its new length, every other byte of the model is kept.
 */
final class GraphOutputs {

  private GraphOutputs() {}

  static byte[] withOutputs(byte[] model, List<String> names) {
    List<Field> graphs = WireMessage.of(model).fields(OnnxGraph.MODEL_GRAPH);
    if (graphs.size() != 1) {
      throw new IllegalArgumentException(
          "expected one graph in the model (ModelProto field " + OnnxGraph.MODEL_GRAPH + "), found " + graphs.size());
    }
    Field graph = graphs.get(0);
    ByteArrayOutputStream edited = new ByteArrayOutputStream(graph.length() + 64 * names.size());
    edited.write(model, graph.offset(), graph.length());
    for (String name : names) {
      ByteArrayOutputStream valueInfo = new ByteArrayOutputStream();
      WireMessage.writeField(valueInfo, OnnxGraph.VALUE_INFO_NAME, name.getBytes(StandardCharsets.UTF_8));
      WireMessage.writeField(edited, OnnxGraph.GRAPH_OUTPUT, valueInfo.toByteArray());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64 * names.size());
    out.write(model, 0, graph.start());
    WireMessage.writeField(out, OnnxGraph.MODEL_GRAPH, edited.toByteArray());
    out.write(model, graph.end(), model.length - graph.end());
    return out.toByteArray();
  }
}
