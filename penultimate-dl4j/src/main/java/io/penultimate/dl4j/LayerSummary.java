package io.penultimate.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

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
    InputType input = InputShape.of(network).type();
    if (network instanceof MultiLayerNetwork multiLayer) {
      MultiLayerConfiguration conf = multiLayer.getLayerWiseConfigurations();
      // getLayerActivationTypes' list holds layer k's output at k
      List<InputType> types = conf.getLayerActivationTypes(input);
      List<LayerSummary> layers = new ArrayList<>();
      for (int k = 0; k < multiLayer.getnLayers() - 1; k++) {
        Layer layer = conf.getConf(k).getLayer();
        layers.add(new LayerSummary(Integer.toString(k), kind(layer), width(types.get(k)), activation(layer)));
      }
      return List.copyOf(layers);
    }
    ComputationGraph graph = (ComputationGraph) network;
    ComputationGraphConfiguration conf = graph.getConfiguration();
    Map<String, InputType> types = InputShape.activationTypes(conf, input);
    List<LayerSummary> layers = new ArrayList<>();
    for (int index : graph.topologicalSortOrder()) {
      String name = graph.getVertices()[index].getVertexName();
      GraphVertex vertex = conf.getVertices().get(name);
      if (vertex == null || conf.getNetworkOutputs().contains(name)) {
        continue; // a network input, or the output layer
      }
      Optional<Layer> layer = vertex instanceof LayerVertex layerVertex ? Optional.of(layerVertex.getLayerConf().getLayer()) : Optional.empty();
      layers.add(new LayerSummary(name, layer.map(LayerSummary::kind).orElse(vertex.getClass().getSimpleName()), width(types.get(name)),
          layer.flatMap(LayerSummary::activation)));
    }
    return List.copyOf(layers);
  }

  private static String kind(Layer layer) {
    return layer.getClass().getSimpleName();
  }

  private static Optional<String> activation(Layer layer) {
    return layer instanceof BaseLayer base && base.getActivationFn() != null ? Optional.of(base.getActivationFn().toString()) : Optional.empty();
  }

  private static int width(InputType type) {
    return Math.toIntExact(type.arrayElementsPerExample());
  }
}
