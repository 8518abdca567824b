package io.penultimate.stream;

import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.model.Inference;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A small network in plain Java and its bundle, shared by the streaming tests: the topology only
 * needs something that maps inputs to hidden activations and logits, so these tests load no
 * native library. The integration tests run a real DL4J network on the same inputs.
 */
final class StreamFixtures {
  static final int INPUT = 20;
  static final int CLASSES = 3;

  final Inference network;
  final EncoderBundle bundle;

  private StreamFixtures(Inference network, EncoderBundle bundle) {
    this.network = network;
    this.bundle = bundle;
  }

  /** The bundle fitted on {@link #inputs} of seeds 1 (training) and 2 (validation). */
  static StreamFixtures fit() {
    return fit(new TinyNetwork());
  }

  /** The bundle of any network over these inputs. */
  static StreamFixtures fit(Inference network) {
    return fit(network, "0".repeat(64));
  }

  /** The bundle of a network over these inputs, naming the model file by its SHA-256. */
  static StreamFixtures fit(Inference network, String modelSha256) {
    return fit(network, modelSha256, 900);
  }

  /**
   * The bundle of the tiny network with {@code validation} samples of seed 2. The OOD p-value is
   * calibrated on half of them, and, given that half, the share of in-distribution p-values above
   * a level deviates from the level by about √(level (1 − level) / half): 0.024 for 900 samples,
   * 0.005 for 20,000. Tests of the p-values' distribution need the larger set.
   */
  static StreamFixtures fitWithValidation(int validation) {
    return fit(new TinyNetwork(), "0".repeat(64), validation);
  }

  private static StreamFixtures fit(Inference network, String modelSha256, int validationSize) {
    float[][] train = inputs(1500, 1);
    float[][] validation = inputs(validationSize, 2);
    EncoderBundle bundle =
        BundleFitter.fit(
            new LabeledOutputs(network.run(train), labels(1500)),
            new LabeledOutputs(network.run(validation), labels(validationSize)),
            List.of("a", "b", "c"),
            new Provenance(modelSha256, "synthetic", "paper-mlp", OptionalLong.of(1), "1", "now", "dev", "dev", "17"));
    return new StreamFixtures(network, bundle);
  }

  /**
   * Six sigmoid nodes: node c < 3 answers "the features j ≡ c (mod 3) are above the mean", the
   * other three are fixed random projections; the logit of class c is 6·(h_c − 0.5). Stateless,
   * so one instance may serve every task.
   */
  static final class TinyNetwork implements Inference {
    static final int WIDTH = 6;
    private final double[][] projections = new double[WIDTH - CLASSES][INPUT];

    TinyNetwork() {
      Random random = new Random(7);
      for (double[] row : projections) {
        for (int j = 0; j < INPUT; j++) {
          row[j] = 2 * random.nextGaussian() / Math.sqrt(INPUT);
        }
      }
    }

    @Override
    public ModelOutputs run(float[][] batch) {
      double[][] hidden = new double[batch.length][WIDTH];
      double[][] logits = new double[batch.length][CLASSES];
      for (int i = 0; i < batch.length; i++) {
        double[] classMeans = new double[CLASSES];
        double mean = 0;
        for (int j = 0; j < INPUT; j++) {
          classMeans[j % CLASSES] += batch[i][j];
          mean += batch[i][j] / INPUT;
        }
        for (int c = 0; c < CLASSES; c++) {
          double share = Math.ceil((INPUT - c) / (double) CLASSES);
          hidden[i][c] = sigmoid(12 * (classMeans[c] / share - mean));
          logits[i][c] = 6 * (hidden[i][c] - 0.5);
        }
        for (int k = 0; k < projections.length; k++) {
          double z = 0;
          for (int j = 0; j < INPUT; j++) {
            z += projections[k][j] * (batch[i][j] - 0.5);
          }
          hidden[i][CLASSES + k] = sigmoid(z);
        }
      }
      return new ModelOutputs(hidden, logits);
    }

    private static double sigmoid(double z) {
      return 1 / (1 + Math.exp(-z));
    }
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

  /**
   * Far out-of-distribution inputs: those of {@link #inputs} left unscaled, 255 times larger, as a
   * producer that forgot to divide 8-bit pixels by 255 would send them. Every hidden node
   * saturates, and the OOD p-values are all below 0.001.
   */
  static float[][] unscaled(int n, long seed) {
    float[][] x = inputs(n, seed);
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= 255;
      }
    }
    return x;
  }

  /**
   * Near out-of-distribution inputs: the class signal of {@link #inputs} under twice the noise (sd
   * 0.6, clipped to [0, 1]). About a fifth of their OOD p-values lie above 1/2, where half the
   * in-distribution ones are.
   */
  static float[][] noisy(int n, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][INPUT];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < INPUT; j++) {
        x[i][j] = (float) Math.min(1, Math.max(0, 0.5 + 0.6 * random.nextGaussian() + (j % CLASSES == i % CLASSES ? 0.15 : 0)));
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
