package io.penultimate.cli;

import io.penultimate.data.DataSplit;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.Trainer;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Trains a recipe on a data split, measures it on the test part and writes the model file: DL4J
 * training, so it lives beside the composition root, and the offline pipeline ({@code experiment})
 * reads models only through the core model port.
 */
final class ModelTraining {
  private ModelTraining() {}

  /** What {@link #train} wrote, and how the model did on the test part. */
  record Result(Path file, double testAccuracy, int bestEpoch) {}

  static Result train(
      DataSplit data, String datasetName, ModelRecipe recipe, TrainingSettings settings, Trainer.Progress progress, Path out)
      throws IOException {
    return train(data, datasetName, Optional.empty(), recipe, settings, progress, out);
  }

  /**
   * @param datasetClasses for {@code data} cut to a subset of the data set's classes ({@code
   *     train --classes}, {@code reproduce --holdout}), their original indices, which the model's
   *     metadata records
   */
  static Result train(
      DataSplit data, String datasetName, Optional<List<Integer>> datasetClasses, ModelRecipe recipe, TrainingSettings settings,
      Trainer.Progress progress, Path out)
      throws IOException {
    int numClasses = data.train().classNames().size();
    Trainer.Trained trained =
        new Trainer(settings)
            .train(
                recipe,
                data.train().inputShape(),
                data.train().features(),
                data.train().labels(),
                data.validation().features(),
                data.validation().labels(),
                numClasses,
                progress);
    HiddenProbe probe = HiddenProbe.of(trained.network(), null);
    LabeledOutputs test = new LabeledOutputs(probe.probe(data.test().features()), data.test().labels());
    ModelMetadata trainedOn =
        ModelMetadata.trained(
            datasetName,
            recipe.id(),
            settings.seed(),
            test.accuracy(),
            trained.validationAccuracy(),
            trained.bestEpoch(),
            probe.layer(),
            probe.width(),
            data.train().inputSize(),
            data.train().classNames());
    ModelMetadata metadata = datasetClasses.map(trainedOn::withDatasetClasses).orElse(trainedOn);
    ModelFile.write(trained.network(), metadata, out);
    return new Result(out, test.accuracy(), trained.bestEpoch());
  }
}
