package io.penultimate.dl4j;

import io.penultimate.model.ModelOutputs;
import io.penultimate.model.OutputLayer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reads the last hidden layer and the logits of a DL4J network for a batch of inputs.
 *
 * <p>The hidden layer defaults to the one feeding the (softmax) output layer; it can be overridden
 * by layer index for a {@link MultiLayerNetwork} or by vertex name for a {@link ComputationGraph}.
 * {@link #layer()} names the layer read either way, in the same form, so that a bundle can record
 * it and the scoring side read the same layer again. A layer whose activations are images (a
 * convolution) is read flattened, as the output layer's preprocessor flattens it when it feeds the
 * output, channel after channel otherwise.
 * Logits are recomputed as h·W + b from the output layer's own parameters and the activations that
 * feed it, so they are exactly the pre-softmax values: in Java for small batches of a layer the
 * output reads, through ND4J otherwise (within float rounding of each other). Inputs go through
 * the network in batches: ND4J's per-call overhead makes one forward pass per sample tens of times
 * slower. Inputs are flat rows of {@link #inputSize()} values; for a network that reads 4D images
 * they are reshaped to its input type (see {@link InputShape}).
 *
 * <p>Not thread-safe, like the network it wraps: use one probe per thread.
 */
public final class HiddenProbe {

  public static final int DEFAULT_BATCH = 512;

  private final Forward forward;
  private final InputShape input;
  private final String layer;
  private final int width;
  /** Whether the output layer reads the layer probed, so that its weights say how the nodes vote. */
  private final boolean feedsOutput;
  private final INDArray weights;
  private final INDArray bias;
  /**
   * The most multiply-adds (rows × nodes × classes) of a batch's logits computed in Java loops:
   * the two ND4J calls of h·W + b cost about 50 µs whatever their size (a fifth of a lone event's
   * forward pass through the paper MLP), the loops about half a ns per multiply-add. At the paper
   * MLP's batch of 256 (81,920) both cost the same (JMH InferenceBenchmark: 6.0 against 5.9 µs per
   * event); below, the loops win (146 against 201-219 µs for one event, 11.2 against 13.1-14.8 at 32).
   */
  static final long JAVA_LOGITS_MAX_MULTIPLY_ADDS = 131_072;

  /**
   * The output layer's weights, {@code [class][node]}, and bias, for the logits computed in Java
   * when the layer probed is the one it reads.
   */
  private final double[][] weightsByClass;
  private final double[] biasByClass;
  private final int batchSize;
  /** Reused for every batch: building an INDArray from float[][] costs ~30 µs per row here. */
  private INDArray inputBuffer;

  private HiddenProbe(
      Forward forward, InputShape input, String layer, int width, boolean feedsOutput, BaseOutputLayer<?> output, int batchSize) {
    this.forward = forward;
    this.input = input;
    this.layer = layer;
    this.width = width;
    this.feedsOutput = feedsOutput;
    this.weights = output.getParam("W");
    this.bias = output.getParam("b");
    this.weightsByClass = weights.transpose().toDoubleMatrix();
    this.biasByClass = bias.toDoubleVector();
    this.batchSize = batchSize;
  }

  /** A probe for any DL4J network; {@code hiddenLayer} is null (automatic), an index or a vertex name. */
  public static HiddenProbe of(Model model, String hiddenLayer) {
    if (model instanceof MultiLayerNetwork network) {
      return forMultiLayer(network, hiddenLayer);
    }
    if (model instanceof ComputationGraph graph) {
      return forGraph(graph, hiddenLayer);
    }
    throw new IllegalArgumentException("unsupported DL4J model type " + model.getClass().getName());
  }

  private static HiddenProbe forMultiLayer(MultiLayerNetwork network, String hiddenLayer) {
    int layers = network.getnLayers();
    int outputIndex = layers - 1;
    int hidden = hiddenLayer == null ? outputIndex - 1 : parseIndex(hiddenLayer, outputIndex);
    if (hidden < 0) {
      throw new IllegalArgumentException("the network has no hidden layer: it has " + layers + " layer(s)");
    }
    BaseOutputLayer<?> output = softmaxOutput(network.getLayer(outputIndex));
    MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
    InputPreProcessor toOutput = conf.getInputPreProcess(outputIndex);
    boolean feedsOutput = hidden == outputIndex - 1;
    // the list holds the input at 0 and layer k's activations at k + 1; it stops before the output
    // layer, whose softmax nothing reads (the logits are recomputed from what it reads)
    Forward forward =
        batch -> {
          List<INDArray> activations = network.feedForwardToLayer(outputIndex - 1, batch);
          INDArray fed = asRows(activations.get(outputIndex), toOutput);
          return new INDArray[] {feedsOutput ? fed : asRows(activations.get(hidden + 1), null), fed};
        };
    InputShape input = InputShape.of(network);
    // getLayerActivationTypes' list holds layer k's output at k
    int width = feedsOutput ? inputsOf(output) : values(conf.getLayerActivationTypes(input.type()).get(hidden));
    return new HiddenProbe(forward, input, Integer.toString(hidden), width, feedsOutput, output, DEFAULT_BATCH);
  }

  private static int parseIndex(String value, int outputIndex) {
    try {
      int index = Integer.parseInt(value);
      if (index >= 0 && index < outputIndex) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below with the valid range
    }
    throw new IllegalArgumentException(
        "hidden layer '" + value + "' must be a layer index in 0.." + (outputIndex - 1));
  }

  private static HiddenProbe forGraph(ComputationGraph graph, String hiddenLayer) {
    ComputationGraphConfiguration conf = graph.getConfiguration();
    if (conf.getNetworkOutputs().size() != 1 || conf.getNetworkInputs().size() != 1) {
      throw new IllegalArgumentException(
          "only graphs with one input and one output are supported, found inputs "
              + conf.getNetworkInputs() + " and outputs " + conf.getNetworkOutputs());
    }
    String output = conf.getNetworkOutputs().get(0);
    String feedingOutput = conf.getVertexInputs().get(output).get(0);
    String hidden = hiddenLayer == null ? feedingOutput : hiddenLayer;
    if (!conf.getVertices().containsKey(hidden)) {
      throw new IllegalArgumentException(
          "hidden layer '" + hidden + "' is not a vertex of the graph; vertices are " + conf.getVertices().keySet());
    }
    BaseOutputLayer<?> outputLayer = softmaxOutput(graph.getLayer(output));
    InputPreProcessor toOutput = ((LayerVertex) conf.getVertices().get(output)).getPreProcessor();
    boolean feedsOutput = hidden.equals(feedingOutput);
    Forward forward =
        batch -> {
          Map<String, INDArray> activations = graph.feedForward(new INDArray[] {batch}, false);
          INDArray fed = asRows(activations.get(feedingOutput), toOutput);
          return new INDArray[] {feedsOutput ? fed : asRows(activations.get(hidden), null), fed};
        };
    InputShape input = InputShape.of(graph);
    int width = feedsOutput ? inputsOf(outputLayer) : values(InputShape.activationTypes(conf, input.type()).get(hidden));
    return new HiddenProbe(forward, input, hidden, width, feedsOutput, outputLayer, DEFAULT_BATCH);
  }

  private static BaseOutputLayer<?> softmaxOutput(Layer output) {
    if (!(output instanceof BaseOutputLayer<?> outputLayer)
        || !(outputLayer.layerConf().getActivationFn() instanceof ActivationSoftmax)) {
      throw new IllegalArgumentException(
          "the network's last layer must be a softmax output layer, found " + output.getClass().getSimpleName());
    }
    return outputLayer;
  }

  /** Width of the activations the output layer reads: the rows of its weights W (nIn × nOut). */
  private static int inputsOf(BaseOutputLayer<?> output) {
    return Math.toIntExact(output.getParam("W").rows());
  }

  /** Width of a layer read on its own: every value of its activations per input (an image's channels × height × width). */
  private static int values(InputType activations) {
    return Math.toIntExact(activations.arrayElementsPerExample());
  }

  /**
   * Activations as one row per input: as the output layer's preprocessor hands them to it (a
   * CNN-to-dense one flattens images), or flattened in their own order where no preprocessor
   * follows.
   */
  private static INDArray asRows(INDArray activations, InputPreProcessor preprocessor) {
    if (preprocessor != null) {
      return preprocessor.preProcess(activations, Math.toIntExact(activations.size(0)), LayerWorkspaceMgr.noWorkspaces());
    }
    return activations.rank() == 2 ? activations : activations.reshape('c', activations.size(0), -1);
  }

  /**
   * Hidden activations and logits for every input row, computed in batches. Data crosses the
   * JNI boundary in bulk (a buffer written through NIO, results read as one flat vector):
   * element-wise access, as in {@code toDoubleMatrix}, costs more than the forward pass itself.
   */
  public ModelOutputs probe(float[][] inputs) {
    double[][] hidden = new double[inputs.length][];
    double[][] logits = new double[inputs.length][];
    for (int from = 0; from < inputs.length; from += batchSize) {
      int to = Math.min(inputs.length, from + batchSize);
      INDArray[] out = forward.apply(input.shape(batch(inputs, from, to)));
      rows(out[0], hidden, from);
      if (feedsOutput && (long) (to - from) * weightsByClass.length * width <= JAVA_LOGITS_MAX_MULTIPLY_ADDS) {
        for (int i = from; i < to; i++) {
          logits[i] = logits(hidden[i]);
        }
      } else {
        rows(out[1].mmul(weights).addiRowVector(bias), logits, from);
      }
    }
    return new ModelOutputs(hidden, logits);
  }

  /** h·W + b, in double, from the activations the output layer reads. */
  private double[] logits(double[] h) {
    double[] z = biasByClass.clone();
    for (int c = 0; c < z.length; c++) {
      double[] w = weightsByClass[c];
      double sum = z[c];
      for (int j = 0; j < h.length; j++) {
        sum = Math.fma(w[j], h[j], sum);
      }
      z[c] = sum;
    }
    return z;
  }

  private INDArray batch(float[][] inputs, int from, int to) {
    int size = input.size();
    if (inputBuffer == null) {
      inputBuffer = Nd4j.create(DataType.FLOAT, batchSize, size);
    }
    FloatBuffer buffer = inputBuffer.data().asNioFloat();
    for (int i = from; i < to; i++) {
      if (inputs[i].length != size) {
        throw new IllegalArgumentException(
            "input row " + i + " has " + inputs[i].length + " values, the network reads " + size + " (" + input.type() + ")");
      }
      buffer.put(inputs[i]);
    }
    int rows = to - from;
    return rows == batchSize ? inputBuffer : inputBuffer.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all());
  }

  private static void rows(INDArray matrix, double[][] into, int from) {
    int columns = matrix.columns();
    double[] flat = matrix.ravel().toDoubleVector();
    for (int r = 0; r < matrix.rows(); r++) {
      into[from + r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
    }
  }

  /**
   * The layer read: a {@link MultiLayerNetwork}'s layer index ("1") or a {@link ComputationGraph}'s
   * vertex name ("dense_2"), also when it was chosen by default, so that {@code of(model, layer())}
   * reads the same layer again.
   */
  public String layer() {
    return layer;
  }

  /** Number of nodes of the layer read: the length of every hidden vector {@link #probe} returns. */
  public int width() {
    return width;
  }

  /** Values per input: the length of every row {@link #probe} takes. */
  public int inputSize() {
    return input.size();
  }

  /** Number of classes: the length of every logit vector {@link #probe} returns. */
  public int classes() {
    return Math.toIntExact(bias.length());
  }

  /**
   * The output layer as plain arrays, {@code weights[class][node]}, when it reads the layer probed;
   * empty for an earlier layer, whose nodes reach the logits through other layers.
   */
  public Optional<OutputLayer> outputLayer() {
    return feedsOutput
        ? Optional.of(new OutputLayer(Arrays.stream(weightsByClass).map(double[]::clone).toArray(double[][]::new), biasByClass.clone()))
        : Optional.empty();
  }

  @FunctionalInterface
  private interface Forward {
    /** Returns {hidden activations, what the output layer reads}, one row per input. */
    INDArray[] apply(INDArray batch);
  }
}
