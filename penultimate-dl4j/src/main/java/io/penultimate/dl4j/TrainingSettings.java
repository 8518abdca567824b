package io.penultimate.dl4j;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Trainer} fits a network: minibatches shuffled by a seeded generator, early stopping on
 * the validation loss with the best epoch's parameters restored.
 *
 * @param learningRate Adam's rate for the MLPs, the peak of the cycle for the image recipe
 * @param augment random crops (the image padded by {@link Augmentation#PADDING}) and horizontal
 *     flips of every training image, drawn afresh each epoch; images only
 */
public record TrainingSettings(long seed, int batchSize, int maxEpochs, int patience, double learningRate, boolean augment) {

  /** The MLPs' settings: Adam at 1e-3, at most 30 epochs, patience 3. */
  public static TrainingSettings defaults(long seed) {
    return new TrainingSettings(seed, 128, 30, 3, 1e-3, false);
  }

  public TrainingSettings {
    List<String> problems = new ArrayList<>();
    if (batchSize < 1) {
      problems.add("batchSize must be >= 1, found " + batchSize);
    }
    if (maxEpochs < 1) {
      problems.add("maxEpochs must be >= 1, found " + maxEpochs);
    }
    if (patience < 1) {
      problems.add("patience must be >= 1, found " + patience);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      problems.add("learningRate must be positive, found " + learningRate);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  public TrainingSettings withMaxEpochs(int epochs) {
    return new TrainingSettings(seed, batchSize, epochs, patience, learningRate, augment);
  }

  public TrainingSettings withAugment(boolean on) {
    return new TrainingSettings(seed, batchSize, maxEpochs, patience, learningRate, on);
  }
}
