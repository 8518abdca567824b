package io.penultimate.dl4j;

import java.util.LinkedHashSet;
import java.util.Set;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/**
 * What one input costs a network's forward pass: the multiply-adds of its 2D convolutions
 * (output height × width × channels × kernel height × width × input channels) and dense layers
 * (inputs × outputs), the output layer included. Element-wise layers (activations, batch
 * normalisation, pooling, dropout) are left out: a few operations per value, against hundreds per
 * output of a convolution. FLOPs are twice the multiply-adds.
 *
 * @param uncounted the kinds of layers with weights that this count does not know (recurrent,
 *     depthwise or 3D convolutions …), so that a reader knows the figure is a lower bound
 */
public record ForwardCost(long multiplyAdds, Set<String> uncounted) {
  /** Layers that are a few operations per value, whatever weights they hold. */
  private static final Set<Class<?>> ELEMENT_WISE = Set.of(BatchNormalization.class, DropoutLayer.class, ActivationLayer.class);

  public ForwardCost {
    uncounted = Set.copyOf(uncounted);
  }

  public long flops() {
    return 2 * multiplyAdds;
  }

  public static ForwardCost of(Model network) {
    long total = 0;
    Set<String> uncounted = new LinkedHashSet<>();
    for (NetworkNode node : NetworkNode.of(network)) {
      Layer layer = node.layer().orElse(null);
      if (layer == null) {
        continue; // a graph vertex that is no layer merges or reshapes: element-wise
      }
      if (layer.getClass() == ConvolutionLayer.class) {
        ConvolutionLayer convolution = (ConvolutionLayer) layer;
        int[] kernel = convolution.getKernelSize();
        // per output value: one multiply-add per kernel position and input channel
        total += node.output().arrayElementsPerExample() * kernel[0] * kernel[1] * convolution.getNIn();
      } else if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
        FeedForwardLayer dense = (FeedForwardLayer) layer;
        total += dense.getNIn() * dense.getNOut();
      } else if (layer instanceof BaseLayer && !ELEMENT_WISE.contains(layer.getClass())) {
        uncounted.add(node.kind());
      }
    }
    return new ForwardCost(total, uncounted);
  }
}
