package io.penultimate.stream;

import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.Trainer;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.model.LabeledOutputs;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A small real network and its bundle, trained in seconds, shared by the streaming tests. */
final class StreamFixtures {
  static final int INPUT = 20;
  static final int CLASSES = 3;

  final MultiLayerNetwork network;
  final EncoderBundle bundle;

  private StreamFixtures(MultiLayerNetwork network, EncoderBundle bundle) {
    this.network = network;
    this.bundle = bundle;
  }

  static StreamFixtures train() {
    float[][] train = inputs(1500, 1);
    float[][] validation = inputs(900, 2);
    MultiLayerNetwork network =
        new Trainer(TrainingSettings.defaults(1).withMaxEpochs(3))
            .train(ModelRecipe.PAPER_MLP, train, labels(1500), validation, labels(900), CLASSES, Trainer.Progress.NONE)
            .network();
    HiddenProbe probe = HiddenProbe.of(network, null);
    EncoderBundle bundle =
        BundleFitter.fit(
            new LabeledOutputs(probe.probe(train), labels(1500)),
            new LabeledOutputs(probe.probe(validation), labels(900)),
            List.of("a", "b", "c"),
            new Provenance("0".repeat(64), "synthetic", "paper-mlp", 1, 1, "now", "dev", "dev", "17"));
    return new StreamFixtures(network, bundle);
  }

  /** Class c lights up features j ≡ c (mod 3), with enough noise that some predictions are wrong. */
  static float[][] inputs(int n, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][INPUT];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < INPUT; j++) {
        x[i][j] = (float) Math.min(1, Math.max(0, 0.5 + 0.3 * random.nextGaussian() + (j % CLASSES == i % CLASSES ? 0.15 : 0)));
      }
    }
    return x;
  }

  static int[] labels(int n) {
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % CLASSES;
    }
    return y;
  }

  /** The event JSON a producer would send; {@code extra} is appended inside the object. */
  static String eventJson(String id, float[] features, String extra) {
    StringBuilder json = new StringBuilder("{\"id\":\"").append(id).append("\",\"features\":[");
    for (int j = 0; j < features.length; j++) {
      json.append(j == 0 ? "" : ",").append(features[j]);
    }
    return json.append("]").append(extra).append("}").toString();
  }
}
