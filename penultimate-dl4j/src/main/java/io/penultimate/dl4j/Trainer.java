package io.penultimate.dl4j;

import io.penultimate.math.Permutation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Trains a {@link ModelRecipe} with early stopping on the validation loss. */
public final class Trainer {
  /** Validation images per forward pass: the whole split at once would hold every activation of every image. */
  private static final int EVALUATION_BATCH = 500;

  /** Receives progress; the CLI draws a bar from it. */
  public interface Progress {
    /** After each minibatch; {@code imagesPerSecond} is the epoch's training rate so far. */
    void batch(int epoch, int batch, int batches, double imagesPerSecond);

    void epoch(Epoch epoch);

    Progress NONE =
        new Progress() {
          @Override
          public void batch(int epoch, int batch, int batches, double imagesPerSecond) {}

          @Override
          public void epoch(Epoch epoch) {}
        };
  }

  /**
   * One epoch's outcome.
   *
   * @param trainingSeconds wall-clock time of the epoch's minibatches, without the validation pass
   * @param images training samples seen (with augmentation, each a fresh variant)
   */
  public record Epoch(int epoch, double validationLoss, double validationAccuracy, boolean improved, double trainingSeconds, int images) {
    public double imagesPerSecond() {
      return images / trainingSeconds;
    }
  }

  /** The trained network, restored to its best epoch, and every epoch run. */
  public record Trained(MultiLayerNetwork network, int bestEpoch, double validationAccuracy, List<Epoch> epochs) {
    public Trained {
      epochs = List.copyOf(epochs);
    }
  }

  private final TrainingSettings settings;

  public Trainer(TrainingSettings settings) {
    this.settings = settings;
  }

  /**
   * @param inputShape one sample's shape, whose product is each row's length: (n) for flat rows,
   *     (channels, height, width) for images
   */
  public Trained train(
      ModelRecipe recipe, List<Integer> inputShape, float[][] trainX, int[] trainY, float[][] valX, int[] valY, int numClasses,
      Progress progress) {
    if (settings.augment() && !recipe.readsImages()) {
      throw new IllegalArgumentException("augmentation applies to images; " + recipe.id() + " reads flat rows");
    }
    Nd4j.getRandom().setSeed(settings.seed());
    int batches = (trainX.length + settings.batchSize() - 1) / settings.batchSize();
    MultiLayerNetwork network = new MultiLayerNetwork(recipe.configuration(inputShape, numClasses, settings, batches));
    network.init();
    Augmentation augmentation =
        settings.augment() ? new Augmentation(inputShape.get(0), inputShape.get(1), inputShape.get(2)) : null;
    Random random = new Random(settings.seed());

    INDArray best = network.params().dup();
    double bestLoss = Double.POSITIVE_INFINITY;
    double bestAccuracy = 0;
    int bestEpoch = 0;
    List<Epoch> epochs = new ArrayList<>();
    // the image recipes train under a one-cycle rate (ModelRecipe.configuration), the MLPs under a constant one
    EarlyStopping stopping = recipe.readsImages()
        ? EarlyStopping.afterCycleSettles(settings.patience(), settings.maxEpochs())
        : new EarlyStopping(settings.patience(), 0);
    while (epochs.size() < settings.maxEpochs() && !stopping.stop(epochs.size(), bestEpoch)) {
      int epoch = epochs.size() + 1;
      long start = System.nanoTime();
      runEpoch(network, trainX, trainY, numClasses, augmentation, random, epoch, progress);
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] validation = evaluate(network, valX, valY, numClasses);
      boolean improved = validation[0] < bestLoss;
      if (improved) {
        bestLoss = validation[0];
        bestAccuracy = validation[1];
        bestEpoch = epoch;
        best = network.params().dup();
      }
      Epoch done = new Epoch(epoch, validation[0], validation[1], improved, seconds, trainX.length);
      epochs.add(done);
      progress.epoch(done);
    }
    network.setParams(best);
    return new Trained(network, bestEpoch, bestAccuracy, epochs);
  }

  private void runEpoch(
      MultiLayerNetwork network, float[][] features, int[] labels, int numClasses, Augmentation augmentation, Random random,
      int epoch, Progress progress) {
    int n = features.length;
    // the trainer's own generator, so epochs are reproducible from the seed
    int[] order = Permutation.shuffled(n, random);
    int batches = (n + settings.batchSize() - 1) / settings.batchSize();
    long start = System.nanoTime();
    for (int b = 0; b < batches; b++) {
      int from = b * settings.batchSize();
      int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + settings.batchSize()));
      float[][] batch = new float[rows.length][];
      int[] batchLabels = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        batch[i] = augmentation == null ? features[rows[i]] : augmentation.apply(features[rows[i]], random);
        batchLabels[i] = labels[rows[i]];
      }
      network.fit(new DataSet(Nd4j.create(batch), oneHot(batchLabels, numClasses)));
      progress.batch(epoch, b + 1, batches, (from + rows.length) / ((System.nanoTime() - start) / 1e9));
    }
  }

  /** Mean validation loss and accuracy, in slices of {@link #EVALUATION_BATCH}. */
  private static double[] evaluate(MultiLayerNetwork network, float[][] features, int[] labels, int numClasses) {
    double loss = 0;
    int correct = 0;
    for (int from = 0; from < features.length; from += EVALUATION_BATCH) {
      int to = Math.min(features.length, from + EVALUATION_BATCH);
      int[] sliceLabels = Arrays.copyOfRange(labels, from, to);
      DataSet slice = new DataSet(Nd4j.create(Arrays.copyOfRange(features, from, to)), oneHot(sliceLabels, numClasses));
      loss += network.score(slice) * (to - from);
      correct += correct(network.output(slice.getFeatures(), false), sliceLabels);
    }
    return new double[] {loss / features.length, features.length == 0 ? 0 : (double) correct / features.length};
  }

  static INDArray oneHot(int[] labels, int numClasses) {
    float[][] rows = new float[labels.length][numClasses];
    for (int i = 0; i < labels.length; i++) {
      rows[i][labels[i]] = 1f;
    }
    return Nd4j.create(rows);
  }

  private static int correct(INDArray probabilities, int[] labels) {
    INDArray predicted = probabilities.argMax(1);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted.getInt(i) == labels[i]) {
        correct++;
      }
    }
    return correct;
  }
}
