package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.bundle.BundleCompatibility;
import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A bundle fitted on an earlier layer of a network whose two hidden layers are equally wide (as
 * wide-mlp's are): what the bundle records is what scoring reads, and the other layer, which no
 * width check could tell apart, is refused by name.
 */
class FittedLayerTest {
  private static final int INPUT = 20;
  private static final int WIDTH = 8;
  private static final int CLASSES = 3;
  private static final String SHA = "0".repeat(64);

  private static MultiLayerNetwork network;
  private static float[][] test;
  private static EncoderBundle bundle;

  @BeforeAll
  static void fitOnTheFirstHiddenLayer() {
    network = equalWidthNetwork();
    HiddenProbe first = HiddenProbe.of(network, "0");
    bundle =
        BundleFitter.fit(
            new LabeledOutputs(first.probe(inputs(900, 1)), labels(900)),
            new LabeledOutputs(first.probe(inputs(600, 2)), labels(600)),
            List.of("a", "b", "c"),
            new Provenance(SHA, "synthetic", "equal-width", OptionalLong.of(5), first.layer(), "now", "dev", "dev", "17"));
    test = inputs(300, 3);
  }

  @Test
  void recordsTheLayerTheBundleWasFittedOn() {
    assertThat(bundle.provenance().hiddenLayer()).isEqualTo("0");
    assertThat(bundle.width()).isEqualTo(WIDTH);
  }

  @Test
  void scoresOnTheRecordedLayerAfterTheBundleIsWrittenAndRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("encoders.json");
    BundleJson.write(bundle, file);
    EncoderBundle read = BundleJson.read(file);

    // as serve and evaluate do: probe the layer the bundle names, check it, score
    HiddenProbe served = HiddenProbe.of(network, read.provenance().hiddenLayer());
    assertThatCode(() -> BundleCompatibility.check(read, SHA, served.layer(), served.width(), CLASSES)).doesNotThrowAnyException();
    ModelOutputs outputs = served.probe(test);
    ModelOutputs firstLayer = HiddenProbe.of(network, "0").probe(test);
    ConfidenceScorer scorer = new ConfidenceScorer(read);
    ConfidenceScorer fitted = new ConfidenceScorer(bundle);
    for (int i = 0; i < test.length; i += 7) {
      assertThat(scorer.scores(outputs.hidden()[i], outputs.logits()[i]))
          .containsExactly(fitted.scores(firstLayer.hidden()[i], firstLayer.logits()[i]));
    }
  }

  @Test
  void refusesTheDefaultLayerThoughItIsAsWideNamingBothLayers() {
    HiddenProbe byDefault = HiddenProbe.of(network, null);

    assertThat(byDefault.width()).isEqualTo(bundle.width());
    assertThatThrownBy(() -> BundleCompatibility.check(bundle, SHA, byDefault.layer(), byDefault.width(), CLASSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fitted on hidden layer '0', the model is read at layer '1'")
        .hasMessageContaining("refit with 'penultimate fit'");
  }

  /** 20 → 8 ReLU → 8 ReLU → softmax, trained for a few epochs: wide-mlp's shape, small. */
  private static MultiLayerNetwork equalWidthNetwork() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(5)
                .updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUT).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(CLASSES)
                    .activation(Activation.SOFTMAX).build())
                .build());
    net.init();
    int[] labels = labels(900);
    float[][] targets = new float[labels.length][CLASSES];
    for (int i = 0; i < labels.length; i++) {
      targets[i][labels[i]] = 1;
    }
    DataSet data = new DataSet(Nd4j.create(inputs(900, 1)), Nd4j.create(targets));
    for (int epoch = 0; epoch < 30; epoch++) {
      net.fit(data);
    }
    return net;
  }

  /** Class c raises features j ≡ c (mod 3), with enough noise that some predictions are wrong. */
  private static float[][] inputs(int n, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][INPUT];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < INPUT; j++) {
        x[i][j] = (float) Math.min(1, Math.max(0, 0.5 + 0.3 * random.nextGaussian() + (j % CLASSES == i % CLASSES ? 0.15 : 0)));
      }
    }
    return x;
  }

  private static int[] labels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % CLASSES;
    }
    return y;
  }
}
