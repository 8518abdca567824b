package io.penultimate.dl4j;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Trainer} fits a network: Adam, minibatches shuffled by a seeded generator, early
 * stopping on the validation loss with the best epoch's parameters restored.
 */
public record TrainingSettings(long seed, int batchSize, int maxEpochs, int patience, double learningRate) {

  public static TrainingSettings defaults(long seed) {
    return new TrainingSettings(seed, 128, 30, 3, 1e-3);
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
    return new TrainingSettings(seed, batchSize, epochs, patience, learningRate);
  }
}
