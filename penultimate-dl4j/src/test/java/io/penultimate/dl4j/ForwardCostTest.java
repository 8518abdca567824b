package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class ForwardCostTest {
  @Test
  void thePaperMlpCostsItsThreeWeightMatrices() {
    MultiLayerNetwork mlp = ModelRecipe.PAPER_MLP.initialised(List.of(784), 10, 1);

    ForwardCost cost = ForwardCost.of(mlp);

    assertThat(cost.multiplyAdds()).isEqualTo(784 * 256 + 256 * 32 + 32 * 10);
    assertThat(cost.flops()).isEqualTo(418_432);
    assertThat(cost.uncounted()).isEmpty();
  }

  @Test
  void vggSmallCostsItsSixConvolutionsAndTwoDenseLayersAndNotItsBatchNormalisation() {
    MultiLayerNetwork vgg = ModelRecipe.VGG_SMALL.initialised(List.of(3, 32, 32), 10, 1);
    long convolutions = 32L * 32 * 32 * 9 * 3 + 32L * 32 * 32 * 9 * 32 // block 1 at 32 x 32
        + 16L * 16 * 64 * 9 * 32 + 16L * 16 * 64 * 9 * 64 // block 2 at 16 x 16
        + 8L * 8 * 128 * 9 * 64 + 8L * 8 * 128 * 9 * 128; // block 3 at 8 x 8
    long dense = 4L * 4 * 128 * 512 + 512 * 10;

    ForwardCost cost = ForwardCost.of(vgg);

    assertThat(cost.multiplyAdds()).isEqualTo(convolutions + dense).isEqualTo(39_687_168);
    assertThat(cost.uncounted()).isEmpty();
  }

  @Test
  void namesTheLayersWithWeightsItCannotCount() {
    MultiLayerNetwork depthwise = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
        .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).build())
        .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutionalFlat(8, 8, 1))
        .build());
    depthwise.init();

    ForwardCost cost = ForwardCost.of(depthwise);

    assertThat(cost.uncounted()).containsExactly("DepthwiseConvolution2D");
    assertThat(cost.multiplyAdds()).isEqualTo(6L * 6 * 4 * 9 + 4L * 4 * 8 * 2); // the convolution and the output layer
  }
}
