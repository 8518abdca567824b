package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.model.ModelOutputs;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Networks that read images, probed with the flat rows events carry: 2 channels of 6 × 8 pixels
 * (96 values, NCHW), not square, so that a height and width taken the wrong way round would show.
 */
class ImageNetworkProbeTest {
  private static final int CHANNELS = 2;
  private static final int HEIGHT = 6;
  private static final int WIDTH = 8;
  private static final int SIZE = CHANNELS * HEIGHT * WIDTH;
  private static final int CLASSES = 3;
  private static final float[][] ROWS = rows(70, 11);

  @Test
  void reshapesFlatRowsToTheImagesANetworkReadsAsFourDimensionalArrays() {
    MultiLayerNetwork network = convolutionDenseOutput(InputType.convolutional(HEIGHT, WIDTH, CHANNELS));
    HiddenProbe probe = HiddenProbe.of(network, null);

    ModelOutputs outputs = probe.probe(ROWS);
    INDArray images = Nd4j.create(ROWS).reshape('c', ROWS.length, CHANNELS, HEIGHT, WIDTH);

    assertThat(probe.inputSize()).isEqualTo(SIZE);
    assertThat(probe.layer()).isEqualTo("1");
    assertThat(probe.width()).isEqualTo(10);
    assertThat(outputs.hidden()[69]).containsExactly(network.feedForward(images, false).get(2).getRow(69).toDoubleVector(), within(1e-6));
    assertSoftmaxOfLogitsIs(network.output(images, false), outputs);
  }

  @Test
  void handsFlatRowsAsTheyAreToANetworkThatReshapesThemItself() {
    MultiLayerNetwork network = convolutionDenseOutput(InputType.convolutionalFlat(HEIGHT, WIDTH, CHANNELS));
    HiddenProbe probe = HiddenProbe.of(network, null);

    assertThat(probe.inputSize()).isEqualTo(SIZE);
    assertSoftmaxOfLogitsIs(network.output(Nd4j.create(ROWS), false), probe.probe(ROWS));
  }

  @Test
  void readsAConvolutionFeedingTheOutputFlattenedAsTheOutputLayerReadsIt() {
    MultiLayerNetwork network =
        network(
            InputType.convolutional(HEIGHT, WIDTH, CHANNELS),
            new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
            output());
    HiddenProbe probe = HiddenProbe.of(network, null);
    ModelOutputs outputs = probe.probe(ROWS);
    INDArray images = Nd4j.create(ROWS).reshape('c', ROWS.length, CHANNELS, HEIGHT, WIDTH);

    // 4 channels of (6 - 2) × (8 - 2)
    assertThat(probe.width()).isEqualTo(4 * 4 * 6).isEqualTo(outputs.width());
    assertThat(probe.outputLayer()).hasValueSatisfying(output -> assertThat(output.width()).isEqualTo(96));
    assertThat(outputs.hidden()[5]).containsExactly(network.feedForward(images, false).get(1).slice(5).ravel().toDoubleVector(), within(1e-6));
    assertSoftmaxOfLogitsIs(network.output(images, false), outputs);
  }

  @Test
  void readsAnEarlierConvolutionByIndexWithEveryActivationAsANode() {
    MultiLayerNetwork network = convolutionDenseOutput(InputType.convolutional(HEIGHT, WIDTH, CHANNELS));
    HiddenProbe probe = HiddenProbe.of(network, "0");
    INDArray images = Nd4j.create(ROWS).reshape('c', ROWS.length, CHANNELS, HEIGHT, WIDTH);

    assertThat(probe.width()).isEqualTo(4 * 4 * 6);
    assertThat(probe.outputLayer()).isEmpty();
    assertThat(probe.probe(ROWS).hidden()[3]).containsExactly(network.feedForward(images, false).get(1).slice(3).ravel().toDoubleVector(), within(1e-6));
  }

  @Test
  void reshapesFlatRowsForAGraphThatReadsImages() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(4)
                .graphBuilder()
                .addInputs("pixels")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "pixels")
                .addLayer("dense", new DenseLayer.Builder().nOut(10).activation(Activation.SIGMOID).build(), "conv")
                .addLayer("out", output(), "dense")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(HEIGHT, WIDTH, CHANNELS))
                .build());
    graph.init();
    HiddenProbe probe = HiddenProbe.of(graph, null);
    INDArray images = Nd4j.create(ROWS).reshape('c', ROWS.length, CHANNELS, HEIGHT, WIDTH);

    assertThat(probe.inputSize()).isEqualTo(SIZE);
    assertThat(probe.layer()).isEqualTo("dense");
    assertSoftmaxOfLogitsIs(graph.outputSingle(images), probe.probe(ROWS));
  }

  @Test
  void refusesAnImageSizeTheLayersDoNotFixNamingEveryFittingSideAndTheRemedy() {
    // 6 and 7 rows both pool to 2 after the 3 × 3 convolution (4 and 5 rows, 2 × 2 windows with stride 2)
    MultiLayerNetwork network =
        network(
            InputType.convolutional(HEIGHT, WIDTH, CHANNELS),
            new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
            new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
            output());

    assertThatThrownBy(() -> HiddenProbe.of(network, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heights [6, 7] and widths [8, 9]")
        .hasMessageContaining("FeedForwardToCnnPreProcessor(height, width, channels)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesRowsOfAnotherLengthNamingBothLengths() {
    HiddenProbe probe = HiddenProbe.of(convolutionDenseOutput(InputType.convolutional(HEIGHT, WIDTH, CHANNELS)), null);

    assertThatThrownBy(() -> probe.probe(new float[][] {new float[SIZE - 1]}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input row 0 has 95 values, the network reads 96");
  }

  /** Softmax of the probe's logits, recomputed from the output layer's weights, against the network's own output. */
  static void assertSoftmaxOfLogitsIs(INDArray softmax, ModelOutputs outputs) {
    for (int i = 0; i < outputs.size(); i += 7) {
      double[] z = outputs.logits()[i];
      double max = Math.max(z[0], Math.max(z[1], z[2]));
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v - max);
      }
      for (int c = 0; c < CLASSES; c++) {
        assertThat(Math.exp(z[c] - max) / sum).as("row %d, class %d", i, c).isCloseTo(softmax.getDouble(i, c), within(1e-5));
      }
    }
  }

  private static MultiLayerNetwork convolutionDenseOutput(InputType input) {
    return network(
        input,
        new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
        new DenseLayer.Builder().nOut(10).activation(Activation.SIGMOID).build(),
        output());
  }

  private static MultiLayerNetwork network(InputType input, org.deeplearning4j.nn.conf.layers.Layer... layers) {
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(4).list();
    List.of(layers).forEach(list::layer);
    MultiLayerNetwork network = new MultiLayerNetwork(list.setInputType(input).build());
    network.init();
    return network;
  }

  private static OutputLayer output() {
    return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build();
  }

  private static float[][] rows(int n, long seed) {
    Random random = new Random(seed);
    float[][] rows = new float[n][SIZE];
    for (float[] row : rows) {
      for (int j = 0; j < SIZE; j++) {
        row[j] = random.nextFloat();
      }
    }
    return rows;
  }
}
