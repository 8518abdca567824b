package io.penultimate.bench;

import io.penultimate.model.Inference;
import io.penultimate.model.ModelOutputs;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * The yardstick of the inference benchmark: a DL4J network of dense layers computed by plain
 * single-threaded Java loops over its own weights, the matrix multiplies of the same shapes as the
 * runtimes do, and nothing else. Each layer is one batch × nIn by nIn × nOut product, looped so
 * that row i of W (nOut floats) is read once per batch and the innermost loop runs along it, which
 * the JIT vectorises; then the bias and the activation. No skipping of zero inputs: the runtimes
 * do not skip them either. Returns what {@link Inference} returns: the activations feeding the
 * output layer and the logits, as doubles.
 */
final class PlainDenseNetwork implements Inference {
  private final List<float[]> weights = new ArrayList<>();
  private final List<float[]> biases = new ArrayList<>();
  private final List<IActivation> activations = new ArrayList<>();
  private final int[] widths;

  PlainDenseNetwork(MultiLayerNetwork network) {
    int layers = network.getnLayers();
    widths = new int[layers + 1];
    for (int k = 0; k < layers; k++) {
      weights.add(network.getLayer(k).getParam("W").dup('c').data().asFloat());
      biases.add(network.getLayer(k).getParam("b").data().asFloat());
      activations.add(((BaseLayer) network.getLayerWiseConfigurations().getConf(k).getLayer()).getActivationFn());
      widths[k] = Math.toIntExact(network.getLayer(k).getParam("W").rows());
      widths[k + 1] = Math.toIntExact(network.getLayer(k).getParam("W").columns());
    }
  }

  @Override
  public ModelOutputs run(float[][] batch) {
    float[][] h = batch;
    float[][] fed = null;
    for (int k = 0; k < weights.size(); k++) {
      fed = h;
      h = layer(h, k);
    }
    return new ModelOutputs(doubles(fed), doubles(h));
  }

  /** Layer k on the batch: h · W + b, then its activation (the output layer's softmax left out: logits). */
  private float[][] layer(float[][] in, int k) {
    float[] w = weights.get(k);
    float[] b = biases.get(k);
    int nIn = widths[k];
    int nOut = widths[k + 1];
    float[][] out = new float[in.length][nOut];
    for (float[] row : out) {
      System.arraycopy(b, 0, row, 0, nOut);
    }
    for (int i = 0; i < nIn; i++) {
      int offset = i * nOut;
      for (int r = 0; r < in.length; r++) {
        float x = in[r][i];
        float[] row = out[r];
        for (int j = 0; j < nOut; j++) {
          row[j] += x * w[offset + j];
        }
      }
    }
    IActivation activation = activations.get(k);
    for (float[] row : out) {
      activate(row, activation);
    }
    return out;
  }

  private static void activate(float[] row, IActivation activation) {
    if (activation instanceof ActivationReLU) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.max(0, row[j]);
      }
    } else if (activation instanceof ActivationSigmoid) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) (1 / (1 + Math.exp(-row[j])));
      }
    } else if (!(activation instanceof ActivationSoftmax)) {
      throw new IllegalArgumentException("activation " + activation + " is not one of the yardstick's: relu, sigmoid, softmax (left out)");
    }
  }

  private static double[][] doubles(float[][] rows) {
    double[][] copy = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      copy[r] = new double[rows[r].length];
      for (int j = 0; j < rows[r].length; j++) {
        copy[r][j] = rows[r][j];
      }
    }
    return copy;
  }
}
