package io.penultimate.dl4j;

import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * One layer of a DL4J network that could be read as a hidden layer, for people choosing one
 * ({@code inspect}): every layer but the output layer, in the order the network computes them.
 *
 * @param name as {@code --hidden-layer} takes it: the layer index of a MultiLayerNetwork, the
 *     vertex name of a ComputationGraph
 * @param kind the layer's configuration class (DenseLayer, ConvolutionLayer, SubsamplingLayer), or
 *     the vertex's for a graph vertex that is no layer (MergeVertex)
 * @param width values per input of its activations, flattened (an image's channels × height × width)
 * @param activation the activation function as DL4J names it ("relu", "sigmoid"); empty for a
 *     layer that applies none (pooling, a vertex that is no layer)
 */
public record LayerSummary(String name, String kind, int width, Optional<String> activation) {

  static List<LayerSummary> of(Model network) {
    return NetworkNode.of(network).stream()
        .filter(node -> !node.networkOutput())
        .map(node -> new LayerSummary(node.name(), node.kind(), width(node.output()), node.layer().flatMap(LayerSummary::activation)))
        .toList();
  }

  private static Optional<String> activation(Layer layer) {
    return layer instanceof BaseLayer base && base.getActivationFn() != null ? Optional.of(base.getActivationFn().toString()) : Optional.empty();
  }

  private static int width(InputType type) {
    return Math.toIntExact(type.arrayElementsPerExample());
  }
}
