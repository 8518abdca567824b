package io.penultimate.bench;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.model.ModelOutputs;
import io.penultimate.onnx.OnnxModel;
import io.penultimate.onnx.OnnxSettings;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

/**
 * The ONNX graph the inference benchmark writes for the paper MLP computes what the DL4J network
 * does: ONNX Runtime's penultimate tensor and logits match the DL4J probe's within 1e-4.
 */
class DenseNetworkOnnxTest {

  @Test
  void writesAGraphWhoseHiddenLayerAndLogitsOnnxRuntimeComputesAsDl4jDoes() {
    MultiLayerNetwork network = ModelRecipe.byId("paper-mlp").initialised(List.of(784), 10, 3);
    float[][] rows = new float[20][784];
    Random random = new Random(6);
    for (float[] row : rows) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextFloat();
      }
    }

    ModelOutputs dl4j = HiddenProbe.of(network, null).probe(rows);
    ModelOutputs onnx;
    try (OnnxModel model = OnnxModel.of(DenseNetworkOnnx.export(network), OnnxSettings.DEFAULT)) {
      onnx = model.run(rows);
      assertThat(model.layer()).isEqualTo("h1");
      assertThat(model.width()).isEqualTo(32);
      assertThat(model.numClasses()).isEqualTo(10);
      assertThat(model.choice().reason()).isEqualTo("the input of the Gemm that computes the logits 'logits'");
    }
    for (int i = 0; i < rows.length; i++) {
      assertThat(onnx.hidden()[i]).containsExactly(dl4j.hidden()[i], within(1e-4));
      assertThat(onnx.logits()[i]).containsExactly(dl4j.logits()[i], within(1e-4));
    }
  }

  @Test
  void countsTwoFlopsPerWeightOfEveryDenseLayer() {
    MultiLayerNetwork network = ModelRecipe.byId("paper-mlp").initialised(List.of(784), 10, 3);

    assertThat(DenseNetworkOnnx.flopsPerRow(network)).isEqualTo(2L * (784 * 256 + 256 * 32 + 32 * 10)).isEqualTo(418_432);
  }
}
