package io.penultimate.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one input of a network is. A DL4J model file does not record the {@link InputType} the
 * network was built with, so it is read off the configuration: the first layer's nIn for a dense
 * first layer; the FeedForwardToCnnPreProcessor that {@code InputType.convolutionalFlat} puts
 * before the first layer; or, for a network that reads images as 4D arrays, the one image size its
 * layers turn into what its first CNN-to-dense preprocessor expects.
 *
 * @param type {@code feedForward(n)}: flat rows of n values; {@code convolutionalFlat(h, w, c)}:
 *     flat rows that the network reshapes itself; {@code convolutional(h, w, c)}: images, into
 *     which {@link #shape} turns the flat rows events carry
 */
record InputShape(InputType type) {
  /** The largest image side tried: far beyond the images a monitored classifier reads. */
  private static final int MAX_SIDE = 4096;

  private static final String FLAT_REMEDY =
      "give its first layer a FeedForwardToCnnPreProcessor(height, width, channels), as InputType.convolutionalFlat does, and save it again";

  /** Values per input: the length of the flat rows that events carry. */
  int size() {
    return Math.toIntExact(type.arrayElementsPerExample());
  }

  /**
   * A batch of flat rows in the form the network reads: as they are, or as images in the first
   * layer's format (NCHW: channel after channel, each row by row). A reshape of the contiguous rows
   * is a view, so the bulk copy into the probe's buffer stays the only copy.
   */
  INDArray shape(INDArray rows) {
    if (!(type instanceof InputType.InputTypeConvolutional image)) {
      return rows;
    }
    long[] one = image.getShape(false);
    return rows.reshape('c', rows.rows(), one[0], one[1], one[2]);
  }

  /**
   * The shape of one input in the order of a flat row's values: [n] for flat rows; [c, h, w] for
   * images the network reads channels first (NCHW, and what a FeedForwardToCnnPreProcessor makes of
   * a row); [h, w, c] for NHWC images.
   */
  List<Integer> dims() {
    if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
      return ints(flat.getDepth(), flat.getHeight(), flat.getWidth());
    }
    if (type instanceof InputType.InputTypeConvolutional image) {
      return image.getFormat() == CNN2DFormat.NCHW
          ? ints(image.getChannels(), image.getHeight(), image.getWidth())
          : ints(image.getHeight(), image.getWidth(), image.getChannels());
    }
    return List.of(size());
  }

  /** C when a row holds a channels-first image, so that channel k is its k-th block of h·w values; empty otherwise. */
  OptionalInt channelsFirst() {
    List<Integer> dims = dims();
    boolean channelsFirst = type instanceof InputType.InputTypeConvolutionalFlat
        || type instanceof InputType.InputTypeConvolutional image && image.getFormat() == CNN2DFormat.NCHW;
    return channelsFirst ? OptionalInt.of(dims.get(0)) : OptionalInt.empty();
  }

  private static List<Integer> ints(long... values) {
    return java.util.Arrays.stream(values).mapToObj(Math::toIntExact).toList();
  }

  /** For either kind of network. */
  static InputShape of(Model network) {
    if (network instanceof MultiLayerNetwork multiLayer) {
      return of(multiLayer);
    }
    if (network instanceof ComputationGraph graph) {
      return of(graph);
    }
    throw new IllegalArgumentException("unsupported DL4J model type " + network.getClass().getName());
  }

  static InputShape of(MultiLayerNetwork network) {
    MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
    Map<Integer, InputPreProcessor> preprocessors = conf.getInputPreProcessors();
    List<Integer> flattening =
        preprocessors.keySet().stream().filter(k -> preprocessors.get(k) instanceof CnnToFeedForwardPreProcessor).sorted().toList();
    // getLayerActivationTypes' list holds layer k's output at k: what reaches layer k is at k - 1
    Function<InputType, List<InputType>> reaching =
        input -> {
          List<InputType> types = conf.getLayerActivationTypes(input);
          return flattening.stream().map(k -> k == 0 ? input : types.get(k - 1)).toList();
        };
    return new Layers(
            conf.getInputPreProcess(0),
            conf.getConf(0).getLayer(),
            flattening.stream().map(k -> (CnnToFeedForwardPreProcessor) preprocessors.get(k)).toList(),
            reaching)
        .inputShape();
  }

  /** For a graph with one input (the probe refuses others). */
  static InputShape of(ComputationGraph graph) {
    ComputationGraphConfiguration conf = graph.getConfiguration();
    String input = conf.getNetworkInputs().get(0);
    Map<String, List<String>> inputsOf = conf.getVertexInputs();
    LayerVertex first =
        conf.getVertices().entrySet().stream()
            .filter(vertex -> inputsOf.get(vertex.getKey()).contains(input) && vertex.getValue() instanceof LayerVertex)
            .map(vertex -> (LayerVertex) vertex.getValue())
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(
                "cannot tell what the graph reads: its input '" + input + "' feeds no layer directly"));
    List<String> flattening =
        conf.getVertices().keySet().stream()
            .filter(name -> conf.getVertices().get(name) instanceof LayerVertex layer
                && layer.getPreProcessor() instanceof CnnToFeedForwardPreProcessor)
            .toList();
    Function<InputType, List<InputType>> reaching =
        type -> {
          Map<String, InputType> types = activationTypes(conf, type);
          return flattening.stream().map(name -> types.get(inputsOf.get(name).get(0))).toList();
        };
    return new Layers(
            first.getPreProcessor(),
            first.getLayerConf().getLayer(),
            flattening.stream().map(name -> (CnnToFeedForwardPreProcessor) ((LayerVertex) conf.getVertices().get(name)).getPreProcessor()).toList(),
            reaching)
        .inputShape();
  }

  /**
   * Each vertex's output type, for an input type. DL4J 1.0.0-M2.1 passes a type through a vertex's
   * preprocessor only when it may also add preprocessors where they are missing and set the nIn of
   * layers without one; a copy keeps such changes, for a size that is only tried, out of the network.
   */
  static Map<String, InputType> activationTypes(ComputationGraphConfiguration conf, InputType input) {
    return conf.clone().getLayerActivationTypes(input);
  }

  /**
   * The configuration as the rules above read it.
   *
   * @param preprocessor what the first layer applies to the network's input, or null
   * @param flattenings every CNN-to-dense preprocessor, each fixing the image size that reaches it
   * @param reaching for an input type, the type that reaches each of {@code flattenings}
   */
  private record Layers(
      InputPreProcessor preprocessor,
      Layer first,
      List<CnnToFeedForwardPreProcessor> flattenings,
      Function<InputType, List<InputType>> reaching) {

    InputShape inputShape() {
      if (preprocessor instanceof FeedForwardToCnnPreProcessor flat) {
        return new InputShape(InputType.convolutionalFlat(flat.getInputHeight(), flat.getInputWidth(), flat.getNumChannels()));
      }
      if (preprocessor instanceof CnnToFeedForwardPreProcessor flattened) {
        return new InputShape(
            InputType.convolutional(flattened.getInputHeight(), flattened.getInputWidth(), flattened.getNumChannels(), flattened.getFormat()));
      }
      if (preprocessor != null) {
        throw new IllegalArgumentException("cannot tell what the network reads: its first layer has a "
            + preprocessor.getClass().getSimpleName() + ", expected none or a FeedForwardToCnnPreProcessor");
      }
      if ((first instanceof DenseLayer || first instanceof OutputLayer) && ((FeedForwardLayer) first).getNIn() > 0) {
        return new InputShape(InputType.feedForward(((FeedForwardLayer) first).getNIn()));
      }
      if (first instanceof ConvolutionLayer convolution && !(first instanceof Convolution1DLayer) && !(first instanceof Convolution3D)) {
        return images(convolution);
      }
      throw new IllegalArgumentException("cannot tell what the network reads: its first layer is a " + first.getClass().getSimpleName()
          + ", expected a dense layer with nIn or a 2D convolution");
    }

    /**
     * The image size, for a network that reads 4D images: the one height and width that its layers
     * turn into the size each CNN-to-dense preprocessor expects. DL4J works out each side on its own,
     * so square images of every side up to {@link #MAX_SIDE} find the heights and the widths that
     * fit; the search stops once both sides have grown past the first preprocessor's, since no
     * layer shrinks when its input grows. Strides can let several sizes fit (8 and 9 both pool to
     * 4 by 2), and the events' size cannot be told then.
     */
    private InputShape images(ConvolutionLayer convolution) {
      if (flattenings.isEmpty()) {
        throw new IllegalArgumentException(
            "cannot tell the image size the network reads: no CnnToFeedForwardPreProcessor fixes one; " + FLAT_REMEDY);
      }
      List<Long> heights = new ArrayList<>();
      List<Long> widths = new ArrayList<>();
      CnnToFeedForwardPreProcessor firstFlattening = flattenings.get(0);
      for (long side = 1; side <= MAX_SIDE; side++) {
        Optional<List<InputType>> reached = reach(InputType.convolutional(side, side, convolution.getNIn(), convolution.getCnn2dDataFormat()));
        if (reached.isEmpty()) {
          continue;
        }
        if (fit(reached.get(), InputType.InputTypeConvolutional::getHeight, CnnToFeedForwardPreProcessor::getInputHeight)) {
          heights.add(side);
        }
        if (fit(reached.get(), InputType.InputTypeConvolutional::getWidth, CnnToFeedForwardPreProcessor::getInputWidth)) {
          widths.add(side);
        }
        if (reached.get().get(0) instanceof InputType.InputTypeConvolutional image
            && image.getHeight() > firstFlattening.getInputHeight() && image.getWidth() > firstFlattening.getInputWidth()) {
          break;
        }
      }
      if (heights.size() == 1 && widths.size() == 1) {
        InputType found = InputType.convolutional(heights.get(0), widths.get(0), convolution.getNIn(), convolution.getCnn2dDataFormat());
        if (reach(found).filter(this::fitsBothSides).isPresent()) {
          return new InputShape(found);
        }
      }
      throw new IllegalArgumentException("cannot tell the image size the network reads: heights " + heights + " and widths " + widths
          + " lead to the " + firstFlattening.getInputHeight() + "x" + firstFlattening.getInputWidth() + " its first dense layer expects; "
          + FLAT_REMEDY);
    }

    private boolean fitsBothSides(List<InputType> reached) {
      return fit(reached, InputType.InputTypeConvolutional::getHeight, CnnToFeedForwardPreProcessor::getInputHeight)
          && fit(reached, InputType.InputTypeConvolutional::getWidth, CnnToFeedForwardPreProcessor::getInputWidth);
    }

    private boolean fit(
        List<InputType> reached, ToLongFunction<InputType.InputTypeConvolutional> side, ToLongFunction<CnnToFeedForwardPreProcessor> expected) {
      for (int i = 0; i < flattenings.size(); i++) {
        if (!(reached.get(i) instanceof InputType.InputTypeConvolutional image)
            || image.getChannels() != flattenings.get(i).getNumChannels()
            || side.applyAsLong(image) != expected.applyAsLong(flattenings.get(i))) {
          return false;
        }
      }
      return true;
    }

    private Optional<List<InputType>> reach(InputType input) {
      try {
        return Optional.of(reaching.apply(input));
      } catch (RuntimeException e) {
        // DL4J refuses an image too small for a kernel with one of several runtime exceptions; that size does not fit
        return Optional.empty();
      }
    }
  }
}
