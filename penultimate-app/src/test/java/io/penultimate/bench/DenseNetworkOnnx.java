package io.penultimate.bench;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J network of dense layers written as the ONNX model PyTorch would export for it, with the
 * same weights: per layer {@code Gemm(h, W, b)} (W is nIn × nOut, as DL4J stores it, so transB = 0)
 * and its activation (Relu, Sigmoid), the output layer's softmax left out so that the graph's one
 * output is the logits, batch dimension dynamic. So the two runtimes can be timed on one model.
 *
 * <p>The protobuf is written by hand, field numbers from onnx.proto (onnx 1.12), the same ones
 * {@code OnnxGraph} reads:
 * <pre>
 * ModelProto        ir_version = 1, producer_name = 2, graph = 7, opset_import = 8
 * OperatorSetIdProto  domain = 1, version = 2
 * GraphProto        node = 1, name = 2, initializer = 5, input = 11, output = 12
 * NodeProto         input = 1, output = 2, name = 3, op_type = 4
 * TensorProto       dims = 1, data_type = 2 (1: float), name = 8, raw_data = 9 (little-endian)
 * ValueInfoProto    name = 1, type = 2;  TypeProto tensor_type = 1;  Tensor elem_type = 1, shape = 2
 * TensorShapeProto  dim = 1;  Dimension dim_value = 1, dim_param = 2
 * </pre>
 */
final class DenseNetworkOnnx {
  private static final int FLOAT = 1;
  private static final int IR_VERSION = 7;
  private static final int OPSET = 13;

  private DenseNetworkOnnx() {}

  static byte[] export(MultiLayerNetwork network) {
    ByteArrayOutputStream graph = new ByteArrayOutputStream();
    String activations = "input";
    long inputs = -1;
    long outputs = -1;
    for (int k = 0; k < network.getnLayers(); k++) {
      var conf = network.getLayerWiseConfigurations().getConf(k).getLayer();
      if (!(conf instanceof DenseLayer || conf instanceof OutputLayer)) {
        throw new IllegalArgumentException("layer " + k + " is a " + conf.getClass().getSimpleName() + ", expected dense layers only");
      }
      INDArray w = network.getLayer(k).getParam("W");
      INDArray b = network.getLayer(k).getParam("b");
      inputs = inputs < 0 ? w.rows() : inputs;
      outputs = w.columns();
      writeMessage(graph, 5, tensor("W" + k, w.toFloatMatrix()));
      writeMessage(graph, 5, tensor("b" + k, new float[][] {b.toFloatVector()}, b.length()));
      boolean last = k == network.getnLayers() - 1;
      String linear = last ? "logits" : "z" + k;
      writeMessage(graph, 1, node("Gemm", "gemm" + k, List.of(activations, "W" + k, "b" + k), linear));
      activations = linear;
      String activation = onnxActivation((BaseLayer) conf, last);
      if (activation != null) {
        writeMessage(graph, 1, node(activation, "act" + k, List.of(linear), "h" + k));
        activations = "h" + k;
      }
    }
    writeString(graph, 2, "dense");
    writeMessage(graph, 11, value("input", inputs));
    writeMessage(graph, 12, value("logits", outputs));

    ByteArrayOutputStream model = new ByteArrayOutputStream();
    writeVarintField(model, 1, IR_VERSION);
    writeString(model, 2, "penultimate bench");
    writeMessage(model, 7, graph.toByteArray());
    ByteArrayOutputStream opset = new ByteArrayOutputStream();
    writeString(opset, 1, "");
    writeVarintField(opset, 2, OPSET);
    writeMessage(model, 8, opset.toByteArray());
    return model.toByteArray();
  }

  /** ONNX's op for a hidden layer's activation; none for the output layer, whose softmax the logits come before. */
  private static String onnxActivation(BaseLayer layer, boolean output) {
    var activation = layer.getActivationFn();
    if (output) {
      if (!(activation instanceof ActivationSoftmax)) {
        throw new IllegalArgumentException("the output layer's activation is " + activation + ", expected softmax");
      }
      return null;
    }
    if (activation instanceof ActivationReLU) {
      return "Relu";
    }
    if (activation instanceof ActivationSigmoid) {
      return "Sigmoid";
    }
    if (activation instanceof ActivationIdentity) {
      return null;
    }
    throw new IllegalArgumentException("activation " + activation + " has no ONNX op here");
  }

  /** Floating-point operations per input row: 2 · nIn · nOut per dense layer (a multiply and an add per weight). */
  static long flopsPerRow(MultiLayerNetwork network) {
    long flops = 0;
    for (int k = 0; k < network.getnLayers(); k++) {
      INDArray w = network.getLayer(k).getParam("W");
      flops += 2 * w.rows() * w.columns();
    }
    return flops;
  }

  private static byte[] tensor(String name, float[][] rows, long... shape) {
    ByteBuffer data = ByteBuffer.allocate(rows.length * rows[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      for (float v : row) {
        data.putFloat(v);
      }
    }
    ByteArrayOutputStream tensor = new ByteArrayOutputStream();
    for (long dim : shape.length > 0 ? shape : new long[] {rows.length, rows[0].length}) {
      writeVarintField(tensor, 1, dim);
    }
    writeVarintField(tensor, 2, FLOAT);
    writeString(tensor, 8, name);
    writeBytes(tensor, 9, data.array());
    return tensor.toByteArray();
  }

  private static byte[] node(String opType, String name, List<String> inputs, String output) {
    ByteArrayOutputStream node = new ByteArrayOutputStream();
    for (String input : inputs) {
      writeString(node, 1, input);
    }
    writeString(node, 2, output);
    writeString(node, 3, name);
    writeString(node, 4, opType);
    return node.toByteArray();
  }

  /** A float tensor of shape [batch, width], the batch dimension symbolic (dynamic). */
  private static byte[] value(String name, long width) {
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    writeString(batch, 2, "batch");
    ByteArrayOutputStream features = new ByteArrayOutputStream();
    writeVarintField(features, 1, width);
    ByteArrayOutputStream shape = new ByteArrayOutputStream();
    writeMessage(shape, 1, batch.toByteArray());
    writeMessage(shape, 1, features.toByteArray());
    ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
    writeVarintField(tensorType, 1, FLOAT);
    writeMessage(tensorType, 2, shape.toByteArray());
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    writeMessage(type, 1, tensorType.toByteArray());
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    writeString(value, 1, name);
    writeMessage(value, 2, type.toByteArray());
    return value.toByteArray();
  }

  private static void writeVarintField(ByteArrayOutputStream out, int field, long value) {
    writeVarint(out, (long) field << 3);
    writeVarint(out, value);
  }

  private static void writeString(ByteArrayOutputStream out, int field, String value) {
    writeBytes(out, field, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeMessage(ByteArrayOutputStream out, int field, byte[] message) {
    writeBytes(out, field, message);
  }

  /** Wire type 2: length-delimited. */
  private static void writeBytes(ByteArrayOutputStream out, int field, byte[] bytes) {
    writeVarint(out, ((long) field << 3) | 2);
    writeVarint(out, bytes.length);
    out.writeBytes(bytes);
  }

  /** Seven bits per byte, least significant first, the high bit set on every byte but the last. */
  private static void writeVarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) (value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
  }
}
