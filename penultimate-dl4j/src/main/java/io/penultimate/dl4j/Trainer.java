package io.penultimate.dl4j;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Trains a {@link ModelRecipe} with early stopping on the validation loss. */
public final class Trainer {

  /** Receives progress; the CLI draws a bar from it. */
  public interface Progress {
    void batch(int epoch, int batch, int batches);

    void epoch(int epoch, double validationLoss, double validationAccuracy, boolean improved);

    Progress NONE =
        new Progress() {
          @Override
          public void batch(int epoch, int batch, int batches) {}

          @Override
          public void epoch(int epoch, double validationLoss, double validationAccuracy, boolean improved) {}
        };
  }

  /** The trained network, restored to its best epoch. */
  public record Trained(MultiLayerNetwork network, int bestEpoch, int epochsRun, double validationAccuracy) {}

  private final TrainingSettings settings;

  public Trainer(TrainingSettings settings) {
    this.settings = settings;
  }

  public Trained train(ModelRecipe recipe, float[][] trainX, int[] trainY, float[][] valX, int[] valY, int numClasses, Progress progress) {
    Nd4j.getRandom().setSeed(settings.seed());
    MultiLayerNetwork network =
        new MultiLayerNetwork(recipe.configuration(trainX[0].length, numClasses, settings.seed(), settings.learningRate()));
    network.init();

    INDArray features = Nd4j.create(trainX);
    INDArray targets = oneHot(trainY, numClasses);
    DataSet validation = new DataSet(Nd4j.create(valX), oneHot(valY, numClasses));
    Random shuffle = new Random(settings.seed());

    INDArray best = network.params().dup();
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestAccuracy = 0;
    int bestEpoch = 0;
    int epoch = 0;
    while (epoch < settings.maxEpochs() && epoch - bestEpoch < settings.patience()) {
      epoch++;
      runEpoch(network, features, targets, shuffle, epoch, progress);
      double loss = network.score(validation);
      double accuracy = accuracy(network.output(validation.getFeatures(), false), valY);
      boolean improved = loss < bestLoss;
      if (improved) {
        bestLoss = loss;
        bestAccuracy = accuracy;
        bestEpoch = epoch;
        best = network.params().dup();
      }
      progress.epoch(epoch, loss, accuracy, improved);
    }
    network.setParams(best);
    return new Trained(network, bestEpoch, epoch, bestAccuracy);
  }

  private void runEpoch(MultiLayerNetwork network, INDArray features, INDArray targets, Random shuffle, int epoch, Progress progress) {
    int n = features.rows();
    int[] order = permutation(n, shuffle);
    int batches = (n + settings.batchSize() - 1) / settings.batchSize();
    for (int b = 0; b < batches; b++) {
      int from = b * settings.batchSize();
      int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + settings.batchSize()));
      network.fit(new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(targets, 1, rows)));
      progress.batch(epoch, b + 1, batches);
    }
  }

  /** Fisher–Yates with the trainer's own generator, so epochs are reproducible from the seed. */
  private static int[] permutation(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  static INDArray oneHot(int[] labels, int numClasses) {
    float[][] rows = new float[labels.length][numClasses];
    for (int i = 0; i < labels.length; i++) {
      rows[i][labels[i]] = 1f;
    }
    return Nd4j.create(rows);
  }

  static double accuracy(INDArray probabilities, int[] labels) {
    INDArray predicted = probabilities.argMax(1);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted.getInt(i) == labels[i]) {
        correct++;
      }
    }
    return labels.length == 0 ? 0 : (double) correct / labels.length;
  }
}
