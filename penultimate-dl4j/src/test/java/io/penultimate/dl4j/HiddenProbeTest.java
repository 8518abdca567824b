package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.model.ModelMetadata;
import io.penultimate.model.ModelOutputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class HiddenProbeTest {

  private static final int INPUT = 20;
  private static final int CLASSES = 3;
  private static float[][] inputs;
  private static int[] labels;
  private static Trainer.Trained trained;

  @BeforeAll
  static void trainSmallNetwork() {
    Random random = new Random(7);
    inputs = new float[600][INPUT];
    labels = new int[600];
    for (int i = 0; i < inputs.length; i++) {
      labels[i] = i % CLASSES;
      for (int j = 0; j < INPUT; j++) {
        inputs[i][j] = (float) Math.min(1, Math.max(0, 0.5 + 0.15 * random.nextGaussian() + (j % CLASSES == labels[i] ? 0.3 : 0)));
      }
    }
    trained =
        new Trainer(TrainingSettings.defaults(1).withMaxEpochs(5))
            .train(ModelRecipe.PAPER_MLP, List.of(INPUT), inputs, labels, inputs, labels, CLASSES, Trainer.Progress.NONE);
  }

  @Test
  void learnsSeparableClasses() {
    assertThat(trained.validationAccuracy()).isGreaterThan(0.9);
  }

  @Test
  void logitsReproduceTheNetworksSoftmaxOutput() {
    ModelOutputs outputs = HiddenProbe.of(trained.network(), null).probe(inputs);
    INDArray softmax = trained.network().output(Nd4j.create(inputs), false);
    for (int i = 0; i < inputs.length; i += 37) {
      double[] z = outputs.logits()[i];
      double max = Math.max(z[0], Math.max(z[1], z[2]));
      double sum = 0;
      for (double v : z) {
        sum += Math.exp(v - max);
      }
      for (int c = 0; c < CLASSES; c++) {
        assertThat(Math.exp(z[c] - max) / sum).isCloseTo(softmax.getDouble(i, c), within(1e-5));
      }
    }
  }

  @Test
  void readsTheSigmoidLayerBeforeTheOutputByDefault() {
    ModelOutputs outputs = HiddenProbe.of(trained.network(), null).probe(inputs);
    assertThat(outputs.width()).isEqualTo(ModelRecipe.PAPER_MLP.hiddenWidth());
    assertThat(java.util.Arrays.stream(outputs.hidden()).flatMapToDouble(java.util.Arrays::stream))
        .allSatisfy(h -> assertThat(h).isBetween(0.0, 1.0));
  }

  @Test
  void canReadAnEarlierLayerByIndex() {
    ModelOutputs outputs = HiddenProbe.of(trained.network(), "0").probe(inputs);
    assertThat(outputs.width()).isEqualTo(256);
  }

  @Test
  void namesTheDefaultLayerByItsIndexSoThatTheSameLayerCanBeReadAgain() {
    HiddenProbe probe = HiddenProbe.of(trained.network(), null);
    HiddenProbe again = HiddenProbe.of(trained.network(), probe.layer());

    assertThat(probe.layer()).isEqualTo("1");
    assertThat(probe.width()).isEqualTo(ModelRecipe.PAPER_MLP.hiddenWidth());
    assertThat(again.probe(inputs).hidden()[7]).containsExactly(probe.probe(inputs).hidden()[7]);
  }

  @Test
  void reportsTheIndexAndWidthOfAnEarlierLayer() {
    HiddenProbe probe = HiddenProbe.of(trained.network(), "0");
    assertThat(probe.layer()).isEqualTo("0");
    assertThat(probe.width()).isEqualTo(256).isEqualTo(probe.probe(inputs).width());
  }

  @Test
  void givesTheOutputLayerOnlyForTheLayerItReads() {
    assertThat(HiddenProbe.of(trained.network(), null).outputLayer())
        .hasValueSatisfying(output -> assertThat(output.width()).isEqualTo(ModelRecipe.PAPER_MLP.hiddenWidth()));
    assertThat(HiddenProbe.of(trained.network(), "0").outputLayer()).isEmpty();
  }

  @Test
  void rejectsAHiddenLayerIndexOutOfRange() {
    assertThatThrownBy(() -> HiddenProbe.of(trained.network(), "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'2'")
        .hasMessageContaining("0..1");
  }

  @Test
  void logitsOfBatchesTooLargeForTheJavaLoopsComeFromNd4jAndAgreeWithThem() {
    // 32 nodes × 40 classes: a batch of 512 rows (655,360 multiply-adds) is over the loops' limit,
    // the remaining 88 of the 600 inputs (112,640) under it
    int classes = 40;
    MultiLayerNetwork wide = new MultiLayerNetwork(
        new NeuralNetConfiguration.Builder()
            .seed(5)
            .list()
            .layer(new DenseLayer.Builder().nIn(INPUT).nOut(32).activation(Activation.SIGMOID).build())
            .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(classes).activation(Activation.SOFTMAX).build())
            .build());
    wide.init();
    assertThat(512L * 32 * classes).isGreaterThan(HiddenProbe.JAVA_LOGITS_MAX_MULTIPLY_ADDS);
    assertThat(88L * 32 * classes).isLessThanOrEqualTo(HiddenProbe.JAVA_LOGITS_MAX_MULTIPLY_ADDS);

    ModelOutputs outputs = HiddenProbe.of(wide, null).probe(inputs);

    INDArray softmax = wide.output(Nd4j.create(inputs), false);
    for (int i : new int[] {0, 300, 511, 512, 599}) {
      double[] z = outputs.logits()[i];
      double max = Arrays.stream(z).max().orElseThrow();
      double sum = Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
      for (int c = 0; c < classes; c++) {
        assertThat(Math.exp(z[c] - max) / sum).as("row %d, class %d", i, c).isCloseTo(softmax.getDouble(i, c), within(1e-6));
      }
    }
  }

  @Test
  void batchedProbeMatchesSingleRowProbe() {
    HiddenProbe probe = HiddenProbe.of(trained.network(), null);
    ModelOutputs all = probe.probe(inputs);
    ModelOutputs one = probe.probe(new float[][] {inputs[599]});
    assertThat(one.hidden()[0]).containsExactly(all.hidden()[599], within(1e-6));
    assertThat(one.logits()[0]).containsExactly(all.logits()[599], within(1e-5));
  }

  @Test
  void readsTheVertexFeedingTheOutputOfAComputationGraph() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(INPUT).nOut(6).activation(Activation.SIGMOID).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(CLASSES)
                    .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build());
    graph.init();
    HiddenProbe probe = HiddenProbe.of(graph, null);
    ModelOutputs outputs = probe.probe(inputs);
    assertThat(outputs.width()).isEqualTo(6).isEqualTo(probe.width());
    assertThat(probe.layer()).isEqualTo("dense");
    INDArray softmax = graph.outputSingle(Nd4j.create(new float[][] {inputs[5]}));
    double[] z = outputs.logits()[5];
    double sum = Math.exp(z[0]) + Math.exp(z[1]) + Math.exp(z[2]);
    assertThat(Math.exp(z[1]) / sum).isCloseTo(softmax.getDouble(0, 1), within(1e-5));
  }

  @Test
  void rejectsAnUnknownGraphVertexNamingTheVertices() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .graphBuilder()
                .addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(INPUT).nOut(CLASSES)
                    .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out")
                .build());
    graph.init();
    assertThatThrownBy(() -> HiddenProbe.of(graph, "nope")).hasMessageContaining("'nope'").hasMessageContaining("out");
  }

  @Test
  void modelFileKeepsNetworkAndMetadata(@TempDir Path dir) throws Exception {
    ModelMetadata metadata =
        ModelMetadata.trained("synthetic", "paper-mlp", 1, 0.9, 0.9, 5, "1", 32, INPUT, List.of("a", "b", "c"));
    Path file = dir.resolve("model.zip");
    ModelFile.write(trained.network(), metadata, file);
    ModelFile.Loaded loaded = ModelFile.read(file);
    assertThat(loaded.metadata()).isEqualTo(metadata);
    assertThat(loaded.sha256()).hasSize(64);
    ModelOutputs before = HiddenProbe.of(trained.network(), null).probe(inputs);
    ModelOutputs after = HiddenProbe.of(loaded.network(), null).probe(inputs);
    assertThat(after.logits()[3]).containsExactly(before.logits()[3], within(1e-6));
  }

  @Test
  void rejectsAFileThatIsNotAModel(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("model.zip"), "not a zip");
    assertThatThrownBy(() -> ModelFile.read(file)).hasMessageContaining("is not a model file");
  }
}
