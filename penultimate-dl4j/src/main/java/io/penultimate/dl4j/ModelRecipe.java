package io.penultimate.dl4j;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.CycleSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The architectures {@code train --arch} offers. */
public enum ModelRecipe {
  /** The paper's MLP: 784 -> 256 ReLU -> 32 sigmoid -> softmax; the sigmoid layer saturates. */
  PAPER_MLP("paper-mlp", 32) {
    @Override
    NeuralNetConfiguration.ListBuilder layers(NeuralNetConfiguration.ListBuilder list) {
      return list.layer(dense(256, Activation.RELU)).layer(dense(32, Activation.SIGMOID));
    }
  },
  /** A non-saturating last hidden layer of width 512 (ReLU), read by the Gaussian mixture encoders. */
  WIDE_MLP("wide-mlp", 512) {
    @Override
    NeuralNetConfiguration.ListBuilder layers(NeuralNetConfiguration.ListBuilder list) {
      return list.layer(dense(512, Activation.RELU)).layer(dense(512, Activation.RELU));
    }
  },
  /**
   * A VGG-style network for 32x32 RGB images (CIFAR): three blocks of two 3x3 convolutions (32, 64
   * and 128 channels), each followed by batch normalisation and ReLU, each block closed by 2x2 max
   * pooling, then a dense layer of 512 ReLU units, the last hidden layer, as in the paper's VGG16
   * (whose last hidden layer is 512 wide too). The widths are VGG16's first three blocks halved,
   * and its deepest two blocks dropped, so that an epoch of CIFAR-10 takes minutes on two cores;
   * trained by SGD with Nesterov momentum under a one-cycle learning rate, with weight decay and the
   * standard augmentation (random crops of the image padded by 4, horizontal flips).
   */
  VGG_SMALL("vgg-small", 512) {
    @Override
    NeuralNetConfiguration.ListBuilder layers(NeuralNetConfiguration.ListBuilder list) {
      for (int channels : new int[] {32, 64, 128}) {
        list.layer(convolution(channels)).layer(normalisedRelu())
            .layer(convolution(channels)).layer(normalisedRelu())
            .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
      }
      return list.layer(dense(512, Activation.RELU));
    }

    @Override
    boolean readsImages() {
      return true;
    }
  };

  private static final int IMAGE_EPOCHS = 12;
  private static final double MOMENTUM = 0.9;
  private static final double WEIGHT_DECAY = 5e-4;
  // one-cycle: rise from peak/10 to the peak over the first 30% of the steps, fall back, then anneal
  private static final double CYCLE_RISE = 10;
  private static final double ANNEALING_SHARE = 0.1;
  private static final double ANNEALING_DECAY = 0.1;

  private final String id;
  private final int hiddenWidth;

  ModelRecipe(String id, int hiddenWidth) {
    this.id = id;
    this.hiddenWidth = hiddenWidth;
  }

  /**
   * How this recipe trains unless told otherwise. The image recipe: SGD whose one-cycle rate peaks
   * at 0.1 (batch 128, batch normalisation), over at most {@value #IMAGE_EPOCHS} epochs, since the
   * cycle is laid out over the maximum and an epoch of CIFAR-10 takes minutes here; patience 4,
   * counted only once the cycle has settled ({@link EarlyStopping#afterCycleSettles}), because the
   * validation loss wanders while the rate is high.
   */
  public TrainingSettings defaults(long seed) {
    return readsImages()
        ? new TrainingSettings(seed, 128, IMAGE_EPOCHS, 4, 0.1, true)
        : TrainingSettings.defaults(seed);
  }

  /** The hidden layers, after the input and before the softmax output layer. */
  abstract NeuralNetConfiguration.ListBuilder layers(NeuralNetConfiguration.ListBuilder list);

  /** Whether the recipe takes (channels, height, width) images, trained with augmentation and a learning-rate cycle. */
  boolean readsImages() {
    return false;
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
  public MultiLayerNetwork initialised(List<Integer> inputShape, int numClasses, long seed) {
    MultiLayerNetwork network = new MultiLayerNetwork(configuration(inputShape, numClasses, TrainingSettings.defaults(seed), 1));
    network.init();
    return network;
  }

  /**
   * @param inputShape one sample's shape: (n) or any shape for the MLPs, whose input is the flat
   *     row; (channels, height, width) for the image recipe
   * @param stepsPerEpoch minibatches per epoch, over which the learning-rate cycle is laid out
   */
  MultiLayerConfiguration configuration(List<Integer> inputShape, int numClasses, TrainingSettings settings, int stepsPerEpoch) {
    NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
        .seed(settings.seed())
        .dataType(DataType.FLOAT)
        .updater(updater(settings, stepsPerEpoch))
        .weightInit(readsImages() ? WeightInit.RELU : WeightInit.XAVIER);
    if (readsImages()) {
      builder.weightDecay(WEIGHT_DECAY); // the MLPs keep the paper's plain Adam
    }
    NeuralNetConfiguration.ListBuilder list = builder.list();
    layers(list).layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses).activation(Activation.SOFTMAX).build());
    return list.setInputType(inputType(inputShape)).build();
  }

  private IUpdater updater(TrainingSettings settings, int stepsPerEpoch) {
    if (!readsImages()) {
      return new Adam(settings.learningRate());
    }
    int steps = settings.maxEpochs() * stepsPerEpoch;
    int annealing = (int) Math.max(1, steps * ANNEALING_SHARE);
    double peak = settings.learningRate();
    return new Nesterovs(new CycleSchedule(ScheduleType.ITERATION, peak / CYCLE_RISE, peak, steps, annealing, ANNEALING_DECAY), MOMENTUM);
  }

  private InputType inputType(List<Integer> shape) {
    if (!readsImages()) {
      return InputType.feedForward(shape.stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b));
    }
    if (shape.size() != 3) {
      throw new IllegalArgumentException(id + " reads images of shape (channels, height, width), found input shape " + shape);
    }
    // flat rows channel after channel (C x H x W), as the data readers and events lay images out
    return InputType.convolutionalFlat(shape.get(1), shape.get(2), shape.get(0));
  }

  private static DenseLayer dense(int width, Activation activation) {
    return new DenseLayer.Builder().nOut(width).activation(activation).build();
  }

  private static ConvolutionLayer convolution(int channels) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(channels)
        .convolutionMode(ConvolutionMode.Same)
        .activation(Activation.IDENTITY)
        .hasBias(false) // the batch normalisation after it has its own shift
        .build();
  }

  private static BatchNormalization normalisedRelu() {
    return new BatchNormalization.Builder().activation(Activation.RELU).build();
  }
}
