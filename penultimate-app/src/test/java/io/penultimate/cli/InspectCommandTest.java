package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.experiment.SmallModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect on the ONNX fixtures of penultimate-onnx (tests run from the repository root) and on a small DL4J model file. */
class InspectCommandTest {
  private static final String FIXTURES = "penultimate-onnx/src/test/resources/onnx/";

  private CliRun last;

  private int run(String... args) {
    last = CliRun.of(args);
    return last.code();
  }

  @Test
  void describesTheInputTheCandidatesAndThePenultimateTensorOfAnOnnxModel() {
    int exit = run("inspect", "--model", FIXTURES + "cnn.onnx");

    assertThat(exit).isZero();
    assertThat(last.out().lines()).containsExactly(
        "model        " + FIXTURES + "cnn.onnx: ONNX, IR version 7, opset 13, produced by pytorch 1.13.0",
        "input        'input': float [batch, 1, 8, 8], 64 values per row",
        "output       'logits': logits, 3 classes",
        "candidates   tensor               width  produced by  read by",
        "             /act1/Relu_output_0    256  Relu         MaxPool",
        "             /Flatten_output_0       64  Flatten      Gemm",
        "             /act2/Relu_output_0     16  Relu         Gemm",
        "penultimate  /act2/Relu_output_0, 16 values: the input of the Gemm that computes the logits 'logits'");
    assertThat(last.err()).isEmpty();
  }

  @Test
  void showsWhatAnOnnxFileDeclaresInItsMetadataProps() {
    int exit = run("inspect", "--model", FIXTURES + "mlp-declared.onnx");

    assertThat(exit).isZero();
    assertThat(last.out().lines()).last().isEqualTo("declared     data set synthetic; seed 1; classes left, middle, right");
  }

  @Test
  void saysThatAModelEndingInASoftmaxOutputsProbabilitiesAndThatItsLogitsAreRead() {
    int exit = run("inspect", "--model", FIXTURES + "mlp-softmax.onnx");

    assertThat(exit).isZero();
    assertThat(last.out())
        .contains("output       'probabilities': probabilities, the Softmax of the logits '/mlp/out/Gemm_output_0' (read instead), 3 classes")
        .contains("penultimate  /mlp/act2/Sigmoid_output_0, 12 values: the input of the Gemm that computes the logits"
            + " '/mlp/out/Gemm_output_0', the input of the final Softmax");
  }

  @Test
  void showsTheTensorTheHiddenLayerOptionNames() {
    int exit = run("inspect", "--model", FIXTURES + "mlp.onnx", "--hidden-layer", "/act1/Relu_output_0");

    assertThat(exit).isZero();
    assertThat(last.out()).contains("penultimate  /act1/Relu_output_0, 16 values: named by the hidden-layer setting");
  }

  @Test
  void printsTheCandidatesOfAModelWithAFixedBatchAndExitsOneNamingTheProblemInOneLine() {
    int exit = run("inspect", "--model", FIXTURES + "mlp-fixed-batch.onnx");

    assertThat(exit).isEqualTo(1);
    assertThat(last.out()).contains("input        'input': float [6, 8], 8 values per row").contains("/act2/Sigmoid_output_0")
        .doesNotContain("penultimate  ");
    assertThat(last.err()).hasLineCount(1)
        .startsWith("penultimate: " + FIXTURES + "mlp-fixed-batch.onnx: input 'input' has a fixed batch dimension, shape [6, 8]");
  }

  @Test
  void exitsTwoInOneLineForAFileThatIsNeitherOnnxNorAModelFile() {
    int exit = run("inspect", "--model", "model.h5");

    assertThat(exit).isEqualTo(2);
    assertThat(last.err()).isEqualTo("penultimate: --model model.h5 has an unknown format, expected .onnx (ONNX)"
        + " or .zip (a model file from 'penultimate train')" + System.lineSeparator());
    assertThat(last.out()).isEmpty();
  }

  @Test
  void exitsOneInOneLineForAnOnnxFileThatDoesNotExist() {
    assertThat(run("inspect", "--model", "missing.onnx")).isEqualTo(1);
    assertThat(last.err()).isEqualTo("penultimate: missing.onnx (ONNX model file not found)" + System.lineSeparator());
  }

  @Test
  void describesADl4jModelFileAndWhichLayerIsPenultimate(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("model.zip");
    SmallModel.write(SmallModel.split(), model);

    int exit = run("inspect", "--model", model.toString());

    assertThat(exit).isZero();
    assertThat(last.out().lines()).containsExactly(
        "model        " + model + ": DL4J model file, architecture equal-width, trained on synthetic with seed 5",
        "input        20 values per row",
        "output       softmax probabilities, 3 classes; logits recomputed from the output layer's weights",
        "candidates   layer  kind        width  activation",
        "             0      DenseLayer      8  relu",
        "             1      DenseLayer      8  relu",
        "penultimate  layer 1, 8 values: the layer feeding the output layer",
        "forward      248 multiply-adds per input (496 FLOPs) in its convolutions and dense layers");
  }

  @Test
  void readsAnOnnxGraphWithoutAFinalLinearOperationThroughTheTensorTheHiddenLayerOptionNames() {
    int automatic = run("inspect", "--model", FIXTURES + "cnn-conv-head.onnx");
    CliRun refused = last;
    int named = run("inspect", "--model", FIXTURES + "cnn-conv-head.onnx", "--hidden-layer", "/pool/MaxPool_output_0");

    assertThat(automatic).isEqualTo(1);
    assertThat(refused.out()).contains("/pool/MaxPool_output_0     64  MaxPool      Conv");
    assertThat(refused.err()).hasLineCount(1).contains("are computed by Flatten node '/Flatten'")
        .contains("name the hidden layer with --hidden-layer, one of [/act1/Relu_output_0, /pool/MaxPool_output_0]");
    assertThat(named).isZero();
    assertThat(last.out()).contains("output       'logits': logits, 3 classes")
        .contains("penultimate  /pool/MaxPool_output_0, 64 values: named by the hidden-layer setting");
  }
}
