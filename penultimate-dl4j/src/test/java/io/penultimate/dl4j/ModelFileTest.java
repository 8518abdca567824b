package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.bundle.BundleCompatibility;
import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.model.Inference;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelMetadata;
import io.penultimate.model.ModelOutputs;
import io.penultimate.model.Probe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Model files as anyone saves them with {@code ModelSerializer.writeModel}, without our metadata:
 * what is read from the network's configuration, and probes that agree with the network's own
 * forward pass; and files that are no DL4J model, each refused in one line naming the file.
 */
class ModelFileTest {
  private static final int INPUT = 20;
  private static final int CLASSES = 4;
  private static final float[][] ROWS = rows(300, INPUT, 5);

  @Test
  void readsAMultiLayerNetworkSavedWithoutOurMetadata(@TempDir Path dir) throws IOException {
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(2)
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUT).nOut(7).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .build());
    network.init();

    ModelFile.Loaded loaded = ModelFile.read(saved(network, dir));
    ModelOutputs outputs = HiddenProbe.of(loaded.network(), null).probe(ROWS);

    assertThat(loaded.network()).isInstanceOf(MultiLayerNetwork.class);
    assertThat(loaded.metadata())
        .isEqualTo(ModelMetadata.ofNetwork("dl4j-multilayer", "1", 5, INPUT, CLASSES))
        .satisfies(metadata -> {
          assertThat(metadata.classNames()).containsExactly("0", "1", "2", "3");
          assertThat(metadata.seed()).isEmpty();
          assertThat(metadata.testAccuracy()).isEmpty();
          assertThat(metadata.dataset()).isEmpty();
        });
    assertThat(loaded.sha256()).isEqualTo(ModelFile.sha256(dir.resolve("model.zip")));
    INDArray x = Nd4j.create(ROWS);
    assertThat(outputs.hidden()[17]).containsExactly(network.feedForward(x, false).get(2).getRow(17).toDoubleVector(), within(1e-6));
    assertSoftmaxOfLogitsIs(network.output(x, false), outputs);
  }

  @Test
  void readsAComputationGraphSavedWithoutOurMetadataAtTheVertexFeedingTheOutput(@TempDir Path dir) throws IOException {
    ComputationGraph graph = graph();

    ModelFile.Loaded loaded = ModelFile.read(saved(graph, dir));
    ModelOutputs outputs = HiddenProbe.of(loaded.network(), null).probe(ROWS);

    assertThat(loaded.network()).isInstanceOf(ComputationGraph.class);
    assertThat(loaded.metadata()).isEqualTo(ModelMetadata.ofNetwork("dl4j-graph", "penultimate", 5, INPUT, CLASSES));
    INDArray x = Nd4j.create(ROWS);
    assertThat(outputs.hidden()[40]).containsExactly(graph.feedForward(new INDArray[] {x}, false).get("penultimate").getRow(40).toDoubleVector(), within(1e-6));
    assertSoftmaxOfLogitsIs(graph.outputSingle(x), outputs);
  }

  @Test
  void readsAConvolutionalNetworkSavedWithoutOurMetadataFromFlatRowsOfItsImages(@TempDir Path dir) throws IOException {
    MultiLayerNetwork network = convolutional(InputType.convolutional(8, 8, 1));
    float[][] pixels = rows(50, 64, 3);

    ModelFile.Loaded loaded = ModelFile.read(saved(network, dir));
    ModelOutputs outputs = HiddenProbe.of(loaded.network(), null).probe(pixels);

    assertThat(loaded.metadata()).isEqualTo(ModelMetadata.ofNetwork("dl4j-multilayer", "1", 10, 64, 3));
    assertSoftmaxOfLogitsIs(network.output(Nd4j.create(pixels).reshape('c', pixels.length, 1, 8, 8), false), outputs);
  }

  @Test
  void readsAConvolutionalNetworkThatTakesFlatRowsItself(@TempDir Path dir) throws IOException {
    MultiLayerNetwork network = convolutional(InputType.convolutionalFlat(8, 8, 1));
    float[][] pixels = rows(50, 64, 4);

    ModelFile.Loaded loaded = ModelFile.read(saved(network, dir));

    assertThat(loaded.metadata().inputSize()).isEqualTo(64);
    assertSoftmaxOfLogitsIs(network.output(Nd4j.create(pixels), false), HiddenProbe.of(loaded.network(), null).probe(pixels));
  }

  @Test
  void listsEveryLayerButTheOutputWithItsWidthAndActivation(@TempDir Path dir) throws IOException {
    ModelFile.Loaded dense = ModelFile.read(saved(graph(), dir.resolve("graph")));
    ModelFile.Loaded images = ModelFile.read(saved(convolutional(InputType.convolutional(8, 8, 1)), dir.resolve("cnn")));

    assertThat(dense.layers()).containsExactly(
        new LayerSummary("features", "DenseLayer", 6, Optional.of("relu")),
        new LayerSummary("penultimate", "DenseLayer", 5, Optional.of("sigmoid")));
    // a 3x3 convolution without padding turns 8x8 into 6x6, here in 4 channels
    assertThat(images.layers()).containsExactly(
        new LayerSummary("0", "ConvolutionLayer", 4 * 6 * 6, Optional.of("relu")),
        new LayerSummary("1", "DenseLayer", 10, Optional.of("sigmoid")));
  }

  @Test
  void givesTheInputShapeInTheOrderOfARowsValuesAndTheChannelsOnlyWhenTheyComeFirst(@TempDir Path dir) throws IOException {
    ModelFile.Loaded flat = ModelFile.read(saved(graph(), dir.resolve("flat")));
    ModelFile.Loaded nchw = ModelFile.read(saved(convolutional(InputType.convolutional(8, 8, 2)), dir.resolve("nchw")));
    ModelFile.Loaded reshaping = ModelFile.read(saved(convolutional(InputType.convolutionalFlat(8, 8, 2)), dir.resolve("flat-cnn")));
    ModelFile.Loaded nhwc = ModelFile.read(saved(
        convolutional(InputType.convolutional(8, 8, 2, org.deeplearning4j.nn.conf.CNN2DFormat.NHWC)), dir.resolve("nhwc")));

    assertThat(flat.inputShape()).containsExactly(INPUT);
    assertThat(flat.inputChannels()).isEmpty();
    assertThat(nchw.inputShape()).containsExactly(2, 8, 8);
    assertThat(nchw.inputChannels()).hasValue(2);
    assertThat(reshaping.inputShape()).containsExactly(2, 8, 8);
    assertThat(reshaping.inputChannels()).hasValue(2);
    // channels last: a row's values run pixel by pixel, so no block of them is one channel
    assertThat(nhwc.inputShape()).containsExactly(8, 8, 2);
    assertThat(nhwc.inputChannels()).isEmpty();
  }

  @Test
  void givesEachStreamTaskAnIndependentCopyOfTheNetwork(@TempDir Path dir) throws IOException {
    ModelFile.Loaded loaded = ModelFile.read(saved(graph(), dir));

    Model copy = loaded.copyOfNetwork();

    assertThat(copy).isInstanceOf(ComputationGraph.class).isNotSameAs(loaded.network());
    assertThat(HiddenProbe.of(copy, null).probe(ROWS).logits()[9]).containsExactly(HiddenProbe.of(loaded.network(), null).probe(ROWS).logits()[9]);
  }

  @Test
  void probesThroughTheModelPortWithANewInferencePerTaskOnTheLayerChosen(@TempDir Path dir) throws IOException {
    ModelFile.Loaded loaded = ModelFile.read(saved(graph(), dir));

    Probe probe = loaded.probe(null);
    Inference first = probe.perTask().get();

    assertThat(probe.layer()).isEqualTo("penultimate");
    assertThat(probe.width()).isEqualTo(5);
    assertThat(probe.outputLayer()).isPresent();
    assertThat(probe.perTask().get()).isNotSameAs(first);
    assertThat(first.run(ROWS).logits()[9]).containsExactly(probe.probe(ROWS).logits()[9]);
  }

  @Test
  void checksABundleFittedOnAGraphWithoutOurMetadataByHashVertexAndWidth(@TempDir Path dir) throws IOException {
    ComputationGraph graph = trained(graph());
    ModelFile.Loaded loaded = ModelFile.read(saved(graph, dir));
    HiddenProbe probe = HiddenProbe.of(loaded.network(), null);
    EncoderBundle bundle =
        BundleFitter.fit(
            new LabeledOutputs(probe.probe(separable(600, 7)), labels(600)),
            new LabeledOutputs(probe.probe(separable(400, 8)), labels(400)),
            loaded.metadata().classNames(),
            new Provenance(loaded.sha256(), "synthetic", loaded.metadata().arch(), loaded.metadata().seed(), probe.layer(), "now", "dev", "dev", "17"));

    HiddenProbe served = HiddenProbe.of(ModelFile.read(dir.resolve("model.zip")).network(), bundle.provenance().hiddenLayer());
    ModelFile.Loaded resaved = ModelFile.read(saved(trained(graph), dir.resolve("again")));

    assertThat(bundle.provenance().hiddenLayer()).isEqualTo("penultimate");
    assertThat(bundle.provenance().seed()).isEqualTo(OptionalLong.empty());
    assertThatCode(() -> BundleCompatibility.check(bundle, loaded.sha256(), served.layer(), served.width(), CLASSES)).doesNotThrowAnyException();
    assertThatThrownBy(() -> BundleCompatibility.check(bundle, resaved.sha256(), served.layer(), served.width(), CLASSES))
        .hasMessageContaining("this model is " + resaved.sha256().substring(0, 12));
  }

  @Test
  void readsMetadataWrittenBeforeGraphsWithItsHiddenLayerAsANumber(@TempDir Path dir) throws IOException {
    Path file = saved(convolutional(InputType.convolutionalFlat(8, 8, 1)), dir);
    // as 'penultimate train' wrote it before the metadata named graph vertices
    String versionOne = """
        {"formatVersion":1,"dataset":"mnist","arch":"paper-mlp","seed":1,"testAccuracy":0.97,"validationAccuracy":0.96,
         "epochs":12,"hiddenLayer":1,"hiddenWidth":10,"inputSize":64,"classNames":["a","b","c"]}""";

    ModelMetadata metadata = ModelFile.read(withEntry(file, ModelFile.METADATA_ENTRY, versionOne)).metadata();

    assertThat(metadata).isEqualTo(ModelMetadata.trained("mnist", "paper-mlp", 1, 0.97, 0.96, 12, "1", 10, 64, List.of("a", "b", "c")));
  }

  @Test
  void refusesMetadataThatDisagreesWithItsNetworkNamingBoth(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.zip");
    ModelFile.write(
        convolutional(InputType.convolutionalFlat(8, 8, 1)),
        ModelMetadata.trained("mnist", "paper-mlp", 1, 0.9, 0.9, 3, "1", 10, 784, List.of("a", "b", "c")),
        file);

    assertThatThrownBy(() -> ModelFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("its metadata says 784 inputs and 3 classes, its network reads 64 and has 3");
  }

  @Test
  void refusesAZipThatIsNoDl4jModelInOneLineNamingTheFileAndWhatWasExpected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("photos.zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("holiday.txt"));
      zip.write("sun".getBytes(StandardCharsets.UTF_8));
    }

    assertThatThrownBy(() -> ModelFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + " is not a DL4J model: it has no configuration.json")
        .hasMessageContaining("expected a DL4J model zip, from ModelSerializer.writeModel or 'penultimate train'")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesATruncatedModelFileInOneLine(@TempDir Path dir) throws IOException {
    Path file = saved(graph(), dir);
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> ModelFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + " is not a model file (expected a DL4J model zip")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesAModelWhoseCoefficientsAreDamagedInOneLine(@TempDir Path dir) throws IOException {
    Path file = saved(graph(), dir);
    Path damaged = dir.resolve("damaged.zip");
    try (ZipFile original = new ZipFile(file.toFile());
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(damaged))) {
      zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
      zip.write(original.getInputStream(original.getEntry(ModelSerializer.CONFIGURATION_JSON)).readAllBytes());
      zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
      zip.write(new byte[] {1, 2, 3});
    }

    assertThatThrownBy(() -> ModelFile.read(damaged))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(damaged + " is a damaged DL4J model (ComputationGraph)")
        .hasMessageNotContaining("\n");
  }

  @Test
  void refusesANetworkWithoutASoftmaxOutputNamingTheFile(@TempDir Path dir) throws IOException {
    MultiLayerNetwork regression =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUT).nOut(5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(1).activation(Activation.IDENTITY).build())
                .build());
    regression.init();
    Path file = saved(regression, dir);

    assertThatThrownBy(() -> ModelFile.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + ": the network's last layer must be a softmax output layer");
  }

  /** in → dense "features" (6, ReLU) → dense "penultimate" (5, sigmoid) → softmax "out". */
  private static ComputationGraph graph() {
    ComputationGraph graph =
        new ComputationGraph(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("in")
                .addLayer("features", new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build(), "in")
                .addLayer("penultimate", new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build(), "features")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build(),
                    "penultimate")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(INPUT))
                .build());
    graph.init();
    return graph;
  }

  /** 8 × 8 × 1 images → 3 × 3 convolution (4 channels) → dense 10 → softmax over 3 classes. */
  private static MultiLayerNetwork convolutional(InputType input) {
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(6)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(input)
                .build());
    network.init();
    return network;
  }

  /** Trained for a few epochs on {@link #separable} rows, so that every class is predicted. */
  private static ComputationGraph trained(ComputationGraph graph) {
    int[] labels = labels(600);
    float[][] targets = new float[labels.length][CLASSES];
    for (int i = 0; i < labels.length; i++) {
      targets[i][labels[i]] = 1;
    }
    DataSet data = new DataSet(Nd4j.create(separable(600, 9)), Nd4j.create(targets));
    for (int epoch = 0; epoch < 30; epoch++) {
      graph.fit(data);
    }
    return graph;
  }

  /** Row i has class i mod 4, which raises the features j ≡ class (mod 4). */
  private static float[][] separable(int n, long seed) {
    float[][] rows = rows(n, INPUT, seed);
    for (int i = 0; i < n; i++) {
      for (int j = i % CLASSES; j < INPUT; j += CLASSES) {
        rows[i][j] += 0.5f;
      }
    }
    return rows;
  }

  private static Path saved(Model network, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("model.zip");
    ModelSerializer.writeModel(network, file.toFile(), false);
    return file;
  }

  private static Path withEntry(Path file, String name, String text) throws IOException {
    try (FileSystem zip = FileSystems.newFileSystem(file);
        OutputStream out = Files.newOutputStream(zip.getPath(name))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static void assertSoftmaxOfLogitsIs(INDArray softmax, ModelOutputs outputs) {
    for (int i = 0; i < outputs.size(); i += 7) {
      double[] z = outputs.logits()[i];
      double max = Arrays.stream(z).max().orElseThrow();
      double sum = Arrays.stream(z).map(v -> Math.exp(v - max)).sum();
      for (int c = 0; c < z.length; c++) {
        assertThat(Math.exp(z[c] - max) / sum).as("row %d, class %d", i, c).isCloseTo(softmax.getDouble(i, c), within(1e-5));
      }
    }
  }

  private static float[][] rows(int n, int size, long seed) {
    Random random = new Random(seed);
    float[][] rows = new float[n][size];
    for (float[] row : rows) {
      for (int j = 0; j < size; j++) {
        row[j] = random.nextFloat();
      }
    }
    return rows;
  }

  private static int[] labels(int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
    }
    return labels;
  }
}
