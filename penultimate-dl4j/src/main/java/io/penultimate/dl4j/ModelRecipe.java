package io.penultimate.dl4j;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The architectures {@code train --arch} offers. */
public enum ModelRecipe {
  /** The paper's MLP: 784 -> 256 ReLU -> 32 sigmoid -> softmax; the sigmoid layer saturates. */
  PAPER_MLP("paper-mlp", 256, Activation.RELU, 32, Activation.SIGMOID),
  /** A non-saturating last hidden layer of width 512 (ReLU), read by the Gaussian mixture encoders. */
  WIDE_MLP("wide-mlp", 512, Activation.RELU, 512, Activation.RELU);

  private final String id;
  private final int firstWidth;
  private final Activation firstActivation;
  private final int hiddenWidth;
  private final Activation hiddenActivation;

  ModelRecipe(String id, int firstWidth, Activation firstActivation, int hiddenWidth, Activation hiddenActivation) {
    this.id = id;
    this.firstWidth = firstWidth;
    this.firstActivation = firstActivation;
    this.hiddenWidth = hiddenWidth;
    this.hiddenActivation = hiddenActivation;
  }

  public String id() {
    return id;
  }

  public int hiddenWidth() {
    return hiddenWidth;
  }

  public static ModelRecipe byId(String id) {
    return Arrays.stream(values())
        .filter(r -> r.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + id + "', expected one of " + ids()));
  }

  public static String ids() {
    return Arrays.stream(values()).map(ModelRecipe::id).collect(Collectors.joining(", "));
  }

  /**
   * The network as training starts it, its weights initialised from the seed: for measuring what
   * inference costs at this architecture's shapes (the cost does not depend on the weights' values).
   */
  public MultiLayerNetwork initialised(int inputSize, int numClasses, long seed) {
    MultiLayerNetwork network = new MultiLayerNetwork(configuration(inputSize, numClasses, seed, TrainingSettings.defaults(seed).learningRate()));
    network.init();
    return network;
  }

  MultiLayerConfiguration configuration(int inputSize, int numClasses, long seed, double learningRate) {
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(new Adam(learningRate))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new DenseLayer.Builder().nOut(firstWidth).activation(firstActivation).build())
        .layer(new DenseLayer.Builder().nOut(hiddenWidth).activation(hiddenActivation).build())
        .layer(
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .build())
        .setInputType(InputType.feedForward(inputSize))
        .build();
  }
}
