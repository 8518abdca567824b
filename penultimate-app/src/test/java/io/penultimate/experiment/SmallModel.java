package io.penultimate.experiment;

import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A model file of wide-mlp's shape, small: 20 inputs → 8 ReLU → 8 ReLU → softmax over 3 classes,
 * trained in seconds on seeded synthetic images where class c raises the features j ≡ c (mod 3),
 * with enough noise that some predictions are wrong.
 */
public final class SmallModel {
  public static final int INPUT = 20;
  public static final int WIDTH = 8;
  public static final List<String> CLASSES = List.of("a", "b", "c");

  private SmallModel() {}

  public static DataSplit split() {
    return new DataSplit(images(900, 1), images(600, 2), images(300, 3));
  }

  /** Uniform noise: out of distribution for the images above. */
  public static LabeledSamples ood() {
    Random random = new Random(4);
    float[][] pixels = new float[200][INPUT];
    for (float[] row : pixels) {
      for (int j = 0; j < INPUT; j++) {
        row[j] = random.nextFloat();
      }
    }
    return new LabeledSamples(pixels, List.of(INPUT), new int[pixels.length], CLASSES, "uniform noise");
  }

  /** Trains the network on {@code data}'s training part, writes it to {@code file} and reads it back. */
  public static ModelFile.Loaded write(DataSplit data, Path file) throws IOException {
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(5)
                .updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(INPUT).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(WIDTH).nOut(WIDTH).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(CLASSES.size())
                    .activation(Activation.SOFTMAX).build())
                .build());
    network.init();
    int[] labels = data.train().labels();
    float[][] targets = new float[labels.length][CLASSES.size()];
    for (int i = 0; i < labels.length; i++) {
      targets[i][labels[i]] = 1;
    }
    DataSet train = new DataSet(Nd4j.create(data.train().features()), Nd4j.create(targets));
    int epochs = 30;
    for (int epoch = 0; epoch < epochs; epoch++) {
      network.fit(train);
    }
    HiddenProbe probe = HiddenProbe.of(network, null);
    double testAccuracy = new LabeledOutputs(probe.probe(data.test().features()), data.test().labels()).accuracy();
    double validationAccuracy = new LabeledOutputs(probe.probe(data.validation().features()), data.validation().labels()).accuracy();
    ModelFile.write(network, new ModelMetadata(ModelMetadata.FORMAT_VERSION, "synthetic", "equal-width", 5, testAccuracy,
        validationAccuracy, epochs, 1, WIDTH, INPUT, CLASSES), file);
    return ModelFile.read(file);
  }

  private static LabeledSamples images(int n, long seed) {
    Random random = new Random(seed);
    float[][] pixels = new float[n][INPUT];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES.size();
      for (int j = 0; j < INPUT; j++) {
        double shift = j % CLASSES.size() == labels[i] ? 0.15 : 0;
        pixels[i][j] = (float) Math.min(1, Math.max(0, 0.5 + 0.3 * random.nextGaussian() + shift));
      }
    }
    return new LabeledSamples(pixels, List.of(INPUT), labels, CLASSES, "synthetic seed " + seed);
  }
}
