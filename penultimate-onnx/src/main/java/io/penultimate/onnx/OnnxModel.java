package io.penultimate.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.penultimate.model.Inference;
import io.penultimate.model.ModelOutputs;
import io.penultimate.model.OutputLayer;
import io.penultimate.model.Probe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An ONNX classifier run by ONNX Runtime, reading its penultimate tensor and its logits
 * ({@link PenultimateChoice}). The tensors are declared graph outputs in a copy of the model's bytes
 * held in memory; the file is only read.
 *
 * <p>Each row of a batch holds the input's features flattened in row-major order, and is reshaped
 * to the model's input shape with the batch first ([rows, 1, 8, 8] for a 1×8×8 image). The hidden
 * tensor is flattened back the same way, so a feature map [rows, 4, 4, 4] becomes 64 values per row.
 *
 * <p>Thread safety: one instance may serve every stream thread at once. {@link #run} keeps no state
 * between calls (each call builds its own tensors), and ONNX Runtime guarantees that several threads
 * may call Run on one session concurrently (InferenceSession::Run is thread-safe; the Java binding's
 * {@code run} reads only final fields before calling it). We rely on that for the CPU execution
 * provider, the only one this module configures (GPU providers have had concurrency bugs, e.g.
 * TensorRT's, onnxruntime#19301). With one intra-op thread (the default) each run computes on its
 * caller's thread, so sharing costs no contention for a pool. {@link #close} must come after the
 * last run: the binding does not synchronise the two.
 */
public final class OnnxModel implements Inference, Probe, AutoCloseable {

  /** Rows per ONNX Runtime run: bounds the memory of one call whatever the caller passes. */
  public static final int DEFAULT_BATCH = 512;

  private final OrtSession session;
  private final PenultimateChoice choice;
  private final long[] inputShape;
  private final int inputSize;
  private final int width;
  private final int classes;

  private OnnxModel(OrtSession session, PenultimateChoice choice) {
    this.session = session;
    this.choice = choice;
    this.inputShape = choice.input().shape().stream().mapToLong(OnnxGraph.Dim::value).toArray();
    this.inputSize = choice.input().valuesPerRow();
    Map<String, long[]> shapes = Sessions.floatShapes(session);
    long[] hiddenShape = batchFirst(shapes, choice.hidden(), "hidden layer");
    long[] logitsShape = batchFirst(shapes, choice.logits(), "logits");
    if (logitsShape.length > 2) {
      throw new IllegalArgumentException("the logits '" + choice.logits() + "' have shape " + Arrays.toString(logitsShape)
          + " (ONNX Runtime's inference), expected [batch, classes]");
    }
    int hiddenWidth = Sessions.width(hiddenShape);
    int logitsWidth = Sessions.width(logitsShape);
    // a shape ONNX Runtime could not infer (a Reshape to a computed shape has none) is measured on two rows of zeros
    if (hiddenWidth == 0 || logitsWidth == 0) {
      Outputs measured = forward(new float[2][inputSize], 0, 2);
      hiddenWidth = measured.hidden().length / 2;
      logitsWidth = measured.logits().length / 2;
    }
    this.width = agreeing(choice.hidden(), hiddenWidth, choice.width(), "hidden layer");
    this.classes = agreeing(choice.logits(), logitsWidth, choice.classes(), "logits");
  }

  public static OnnxModel open(Path file, OnnxSettings settings) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (ONNX model file not found)");
    }
    return of(Files.readAllBytes(file), settings);
  }

  public static OnnxModel of(byte[] model, OnnxSettings settings) {
    OnnxGraph graph = OnnxGraph.parse(model);
    PenultimateChoice choice = PenultimateChoice.of(graph, settings.hiddenLayer());
    OrtSession session = Sessions.open(model, graph, List.of(choice.hidden(), choice.logits()), settings.intraOpThreads());
    try {
      return new OnnxModel(session, choice);
    } catch (RuntimeException e) {
      closeQuietly(session, e);
      throw e;
    }
  }

  /** The model's metadata_props (key-value strings of its ModelProto), as ONNX Runtime reads them. */
  Map<String, String> metadataProps() {
    try {
      return session.getMetadata().getCustomMetadata();
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not read the model's metadata: " + e.getMessage(), e);
    }
  }

  /** The inferred shape, when ONNX Runtime inferred one: the batch must come first and stay open. */
  private static long[] batchFirst(Map<String, long[]> shapes, String tensor, String role) {
    long[] shape = shapes.get(tensor);
    if (shape == null) {
      throw new IllegalArgumentException(role + " '" + tensor + "' does not hold float values, expected a float tensor");
    }
    if (shape.length == 1 || shape.length > 1 && shape[0] >= 0) {
      throw new IllegalArgumentException(role + " '" + tensor + "' has shape " + Arrays.toString(shape)
          + " (ONNX Runtime's inference), expected the batch first and dynamic: [batch, ...]");
    }
    return shape;
  }

  /** The width measured by ONNX Runtime, checked against what the graph's weights or declared shapes say. */
  private static int agreeing(String tensor, int measured, int declared, String role) {
    if (declared > 0 && declared != measured) {
      throw new IllegalArgumentException(
          role + " '" + tensor + "' has " + measured + " values per sample by ONNX Runtime, expected " + declared + " from the graph");
    }
    return measured;
  }

  @Override
  public ModelOutputs run(float[][] batch) {
    double[][] hidden = new double[batch.length][];
    double[][] logits = new double[batch.length][];
    for (int from = 0; from < batch.length; from += DEFAULT_BATCH) {
      int to = Math.min(batch.length, from + DEFAULT_BATCH);
      Outputs out = forward(batch, from, to);
      rows(out.hidden(), width, hidden, from, to);
      rows(out.logits(), classes, logits, from, to);
    }
    return new ModelOutputs(hidden, logits);
  }

  /** The hidden tensor's and the logits' values for rows [from, to), each flat in row-major order. */
  private record Outputs(float[] hidden, float[] logits) {}

  private Outputs forward(float[][] batch, int from, int to) {
    int rows = to - from;
    FloatBuffer input = ByteBuffer.allocateDirect(rows * inputSize * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    for (int i = from; i < to; i++) {
      if (batch[i].length != inputSize) {
        throw new IllegalArgumentException("input row " + i + " has " + batch[i].length + " values, expected " + inputSize
            + " (input '" + choice.input().name() + "', shape " + choice.input().shapeText() + ")");
      }
      input.put(batch[i]);
    }
    input.rewind();
    long[] shape = inputShape.clone();
    shape[0] = rows;
    Set<String> wanted = Set.copyOf(List.of(choice.hidden(), choice.logits()));
    try (OnnxTensor tensor = OnnxTensor.createTensor(Sessions.environment(), input, shape);
        OrtSession.Result result = session.run(Map.of(choice.input().name(), tensor), wanted)) {
      return new Outputs(values(result, choice.hidden(), rows), values(result, choice.logits(), rows));
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on a batch of " + rows + ": " + e.getMessage(), e);
    }
  }

  private static float[] values(OrtSession.Result result, String name, int rows) {
    OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("ONNX Runtime returned no '" + name + "'"));
    OnnxTensor tensor = (OnnxTensor) value;
    long[] shape = tensor.getInfo().getShape();
    if (shape.length == 0 || shape[0] != rows) {
      throw new IllegalStateException(
          "'" + name + "' came back with shape " + Arrays.toString(shape) + " for " + rows + " rows, expected the batch first");
    }
    FloatBuffer buffer = tensor.getFloatBuffer();
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static void rows(float[] flat, int columns, double[][] into, int from, int to) {
    if (flat.length != (to - from) * columns) {
      throw new IllegalStateException(
          "ONNX Runtime returned " + flat.length + " values for " + (to - from) + " rows of " + columns);
    }
    for (int r = 0; r < to - from; r++) {
      double[] row = new double[columns];
      for (int c = 0; c < columns; c++) {
        row[c] = flat[r * columns + c];
      }
      into[from + r] = row;
    }
  }

  /** Which tensors are read, and why. */
  public PenultimateChoice choice() {
    return choice;
  }

  /** The tensor read as the hidden layer, by name: {@code OnnxSettings.withHiddenLayer(layer())} reads it again. */
  @Override
  public String layer() {
    return choice.hidden();
  }

  /** Values per sample of the hidden tensor: the length of every hidden vector {@link #run} returns. */
  @Override
  public int width() {
    return width;
  }

  /**
   * Empty: the final linear operation's weights are not read from the graph's initializers, so the
   * per-node analysis reports the bias b' as unknown.
   */
  @Override
  public Optional<OutputLayer> outputLayer() {
    return Optional.empty();
  }

  /** This model for every task: one session serves every stream thread (see the class comment). */
  @Override
  public Supplier<Inference> perTask() {
    return () -> this;
  }

  @Override
  public ModelOutputs probe(float[][] rows) {
    return run(rows);
  }

  public int numClasses() {
    return classes;
  }

  /** The input's dimensions after the batch, as the graph declares them ([8], [1, 8, 8]). */
  public List<Integer> inputShape() {
    return Arrays.stream(inputShape, 1, inputShape.length).mapToObj(Math::toIntExact).toList();
  }

  /** Values per input row: the product of the input's dimensions after the batch. */
  public int inputSize() {
    return inputSize;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime could not close the session: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(OrtSession session, RuntimeException cause) {
    try {
      session.close();
    } catch (OrtException e) {
      cause.addSuppressed(e);
    }
  }
}
