package io.penultimate.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ONNX Runtime sessions over a model whose intermediate tensors we read. */
final class Sessions {

  private Sessions() {}

  /** ONNX Runtime's one environment per process; it lives as long as the JVM and is never closed. */
  static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment();
  }

  /** A session over a copy of {@code model} in which {@code outputs} are graph outputs as well (the file is not touched). */
  static OrtSession open(byte[] model, OnnxGraph graph, List<String> outputs, int intraOpThreads) {
    List<String> declared = graph.outputs().stream().map(OnnxGraph.Value::name).toList();
    List<String> added = outputs.stream().distinct().filter(name -> !declared.contains(name)).toList();
    byte[] edited = GraphOutputs.withOutputs(model, added);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      return environment().createSession(edited, options);
    } catch (OrtException e) {
      throw new IllegalArgumentException("ONNX Runtime refused the model: " + e.getMessage(), e);
    }
  }

  /**
   * The shape ONNX Runtime infers for each tensor output, -1 for a dimension it leaves open (the
   * batch), empty when it cannot tell the rank. Tensors of element types other than float are not
   * listed.
   */
  static Map<String, long[]> floatShapes(OrtSession session) {
    Map<String, long[]> shapes = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
        if (output.getValue().getInfo() instanceof TensorInfo tensor && tensor.type == ai.onnxruntime.OnnxJavaType.FLOAT) {
          shapes.put(output.getKey(), tensor.getShape());
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not describe the model's outputs: " + e.getMessage(), e);
    }
    return shapes;
  }

  /** Values per sample of a [batch, d1, ..., dk] shape: d1 · ... · dk; 0 when one of them is open. */
  static int width(long[] shape) {
    long width = 1;
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] < 0) {
        return 0;
      }
      width *= shape[i];
    }
    return shape.length < 2 ? 0 : Math.toIntExact(width);
  }
}
