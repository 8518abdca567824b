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
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One step of a DL4J network's forward pass, with what it outputs per input: what
 * {@link LayerSummary} lists and {@link ForwardCost} counts, for either kind of network.
 *
 * @param name the layer index of a MultiLayerNetwork, the vertex name of a ComputationGraph
 * @param layer the layer's configuration; empty for a graph vertex that is no layer (MergeVertex)
 * @param kind the layer's configuration class, or the vertex's for a vertex that is no layer
 * @param output the type of its activations, as the network's input type propagates to it
 * @param networkOutput whether it is an output of the network (the softmax layer)
 */
record NetworkNode(String name, Optional<Layer> layer, String kind, InputType output, boolean networkOutput) {

  /** Every layer (every vertex but the inputs, for a graph) in the order the network computes them. */
  static List<NetworkNode> of(Model network) {
    InputType input = InputShape.of(network).type();
    List<NetworkNode> nodes = new ArrayList<>();
    if (network instanceof MultiLayerNetwork multiLayer) {
      MultiLayerConfiguration conf = multiLayer.getLayerWiseConfigurations();
      // getLayerActivationTypes' list holds layer k's output at k
      List<InputType> types = conf.getLayerActivationTypes(input);
      for (int k = 0; k < multiLayer.getnLayers(); k++) {
        Layer layer = conf.getConf(k).getLayer();
        nodes.add(new NetworkNode(Integer.toString(k), Optional.of(layer), kind(layer), types.get(k), k == multiLayer.getnLayers() - 1));
      }
      return List.copyOf(nodes);
    }
    ComputationGraph graph = (ComputationGraph) network;
    ComputationGraphConfiguration conf = graph.getConfiguration();
    Map<String, InputType> types = InputShape.activationTypes(conf, input);
    for (int index : graph.topologicalSortOrder()) {
      String name = graph.getVertices()[index].getVertexName();
      GraphVertex vertex = conf.getVertices().get(name);
      if (vertex == null) {
        continue; // a network input
      }
      Optional<Layer> layer = vertex instanceof LayerVertex layerVertex ? Optional.of(layerVertex.getLayerConf().getLayer()) : Optional.empty();
      nodes.add(new NetworkNode(name, layer, layer.map(NetworkNode::kind).orElse(vertex.getClass().getSimpleName()), types.get(name),
          conf.getNetworkOutputs().contains(name)));
    }
    return List.copyOf(nodes);
  }

  private static String kind(Layer layer) {
    return layer.getClass().getSimpleName();
  }
}
