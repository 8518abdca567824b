package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.ScoreName;
import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.dl4j.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;

/**
 * A classifier of the user's own, not one of our recipes (784 → 64 tanh → 10 softmax), trained
 * briefly on the MNIST digits and saved with plain {@code ModelSerializer.writeModel}, so without
 * our metadata: {@code fit} and {@code evaluate} take it as they take a model from {@code train}.
 */
@Tag("integration")
class OwnModelEndToEndTest {
  @TempDir static Path work;
  private static Path dataDir;
  private static Path model;

  @BeforeAll
  static void trainAndSaveWithModelSerializer() throws IOException {
    dataDir = DataFetcher.defaultDataDir();
    DataSplit mnist = DataFetcher.ensure(Datasets.MNIST, dataDir);
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(12)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(64).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
    network.init();
    float[][] targets = new float[mnist.train().size()][10];
    for (int i = 0; i < targets.length; i++) {
      targets[i][mnist.train().labels()[i]] = 1;
    }
    DataSet train = new DataSet(Nd4j.create(mnist.train().features()), Nd4j.create(targets));
    for (int epoch = 0; epoch < 3; epoch++) {
      train.shuffle(epoch);
      train.batchBy(128).forEach(network::fit);
    }
    model = work.resolve("own-model.zip");
    ModelSerializer.writeModel(network, model.toFile(), false);
  }

  @Test
  void fitsAndEvaluatesAModelSavedWithoutOurMetadata() throws IOException {
    Path encoders = work.resolve("encoders.json");
    Path report = work.resolve("report.json");

    Run fit = run("fit", "--dataset", "mnist", "--data-dir", dataDir.toString(), "--model", model.toString(), "--out", encoders.toString());
    Run evaluate = run("evaluate", "--dataset", "mnist", "--data-dir", dataDir.toString(), "--model", model.toString(),
        "--encoders", encoders.toString(), "--json", report.toString());

    assertThat(fit.code()).as(fit.err()).isZero();
    assertThat(fit.out()).contains("fitted 64 nodes x 10 classes");
    EncoderBundle bundle = BundleJson.read(encoders);
    assertThat(bundle.provenance().modelSha256()).isEqualTo(ModelFile.sha256(model));
    assertThat(bundle.provenance().hiddenLayer()).isEqualTo("0");
    assertThat(bundle.provenance().arch()).isEqualTo("dl4j-multilayer");
    assertThat(bundle.provenance().seed()).isEmpty();
    assertThat(bundle.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    assertThat(evaluate.code()).as(evaluate.err()).isZero();
    assertThat(evaluate.out()).contains("architecture dl4j-multilayer", "Table 3.");
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.get("arch").asText()).isEqualTo("dl4j-multilayer");
    assertThat(json.get("seed").isNull()).isTrue();
    assertThat(json.get("testAccuracy").asDouble()).isBetween(0.8, 1.0);
    for (String key : ScoreName.keys()) {
      assertThat(json.get("auroc").get(key).asDouble()).as(key).isBetween(0.5, 1.0);
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }
}
