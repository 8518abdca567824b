package io.penultimate.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.model.ModelOutputs;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ONNX Runtime's outputs against the values PyTorch computed for the same inputs (examples/pytorch). */
class OnnxModelTest {
  private static final double TOLERANCE = 1e-4;

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "cnn", "mlp-matmul", "mlp-softmax", "cnn-reshape"})
  void returnsTheHiddenActivationsAndLogitsPyTorchComputed(String name) throws Exception {
    Fixture fixture = Fixture.load(name);
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      ModelOutputs outputs = model.run(fixture.inputs());

      assertThat(model.layer()).isEqualTo(fixture.penultimate());
      assertThat(model.width()).isEqualTo(fixture.hidden()[0].length);
      assertClose(outputs.hidden(), fixture.hidden());
      assertClose(outputs.logits(), fixture.logits());
    }
  }

  @Test
  void returnsTheLogitsBeforeTheSoftmaxOfAModelThatOutputsProbabilities() throws Exception {
    Fixture fixture = Fixture.load("mlp-softmax");
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      double[] logits = model.run(fixture.inputs()).logits()[0];

      assertThat(model.choice().probabilities()).isTrue();
      assertThat(logits).containsExactly(fixture.logits()[0], within(TOLERANCE));
      assertThat(logits[0] + logits[1] + logits[2]).isNotCloseTo(1, within(0.01));
    }
  }

  @Test
  void readsTheTensorTheHiddenLayerSettingNames() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    String firstHidden = "/act1/Relu_output_0";
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT.withHiddenLayer(firstHidden))) {
      ModelOutputs outputs = model.run(fixture.inputs());

      assertThat(model.layer()).isEqualTo(firstHidden);
      assertThat(model.width()).isEqualTo(16);
      assertClose(outputs.hidden(), fixture.activations().get(firstHidden));
      assertClose(outputs.logits(), fixture.logits());
    }
  }

  @Test
  void flattensAFeatureMapNamedAsTheHiddenLayerRowByRow() throws Exception {
    Fixture fixture = Fixture.load("cnn");
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT.withHiddenLayer("/Flatten_output_0"))) {
      assertThat(model.width()).isEqualTo(64);
      assertThat(model.inputSize()).isEqualTo(64);
      assertClose(model.run(fixture.inputs()).hidden(), fixture.activations().get("/Flatten_output_0"));
    }
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT.withHiddenLayer("/act1/Relu_output_0"))) {
      assertThat(model.width()).isEqualTo(4 * 8 * 8);
    }
  }

  @Test
  void measuresTheWidthOfAHiddenLayerWhoseShapeOnnxRuntimeCannotInfer() throws Exception {
    Fixture fixture = Fixture.load("cnn-reshape");
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT.withHiddenLayer("/Reshape_output_0"))) {
      assertThat(model.width()).isEqualTo(64);
      assertClose(model.run(fixture.inputs()).hidden(), fixture.activations().get("/Reshape_output_0"));
    }
  }

  @Test
  void runsBatchesLargerThanOneOrtCallInSeveralCallsWithTheSameResults() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    float[][] many = new float[OnnxModel.DEFAULT_BATCH * 2 + 3][];
    for (int i = 0; i < many.length; i++) {
      many[i] = fixture.inputs()[i % fixture.inputs().length];
    }
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      ModelOutputs outputs = model.run(many);

      assertThat(outputs.size()).isEqualTo(many.length);
      assertThat(outputs.logits()[many.length - 1]).containsExactly(fixture.logits()[(many.length - 1) % fixture.inputs().length], within(TOLERANCE));
    }
  }

  @Test
  void givesEveryThreadSharingOneModelTheResultsOfARunAlone() throws Exception {
    Fixture fixture = Fixture.load("cnn");
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      double[][] alone = model.run(fixture.inputs()).hidden();
      ExecutorService threads = Executors.newFixedThreadPool(4);
      try {
        List<Future<double[][]>> runs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          runs.add(threads.submit(() -> model.run(fixture.inputs()).hidden()));
        }
        for (Future<double[][]> run : runs) {
          assertThat(run.get()).isDeepEqualTo(alone);
        }
      } finally {
        threads.shutdown();
      }
    }
  }

  @Test
  void leavesTheModelFileAsItWas() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    byte[] before = Files.readAllBytes(fixture.modelPath());

    OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT).close();

    assertThat(Files.readAllBytes(fixture.modelPath())).isEqualTo(before);
  }

  @Test
  void refusesARowOfTheWrongLengthNamingBothLengths() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    try (OnnxModel model = OnnxModel.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      assertThatThrownBy(() -> model.run(new float[][] {new float[8], new float[7]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("input row 1 has 7 values, expected 8 (input 'input', shape [batch, 8])");
    }
  }

  @Test
  void refusesAModelWithAFixedBatchDimensionBeforeStartingOnnxRuntime() {
    assertThatThrownBy(() -> OnnxModel.open(Fixture.path("mlp-fixed-batch.onnx"), OnnxSettings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("input 'input' has a fixed batch dimension, shape [6, 8]");
  }

  private static void assertClose(double[][] actual, double[][] expected) {
    assertThat(actual).hasDimensions(expected.length, expected[0].length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("row " + i).containsExactly(expected[i], within(TOLERANCE));
    }
  }
}
