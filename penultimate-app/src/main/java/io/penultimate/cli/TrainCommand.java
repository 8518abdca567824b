package io.penultimate.cli;

import io.penultimate.data.ClassSubset;
import io.penultimate.data.DataSplit;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.TrainingSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a classifier with early stopping on the validation split and write a model file.")
final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DatasetOptions dataset;

  @Option(names = "--arch", defaultValue = "paper-mlp", paramLabel = "ARCH", description = ARCH_DESCRIPTION)
  String arch;

  @Option(names = "--seed", defaultValue = "1", description = "Seed for weights and minibatch order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-epochs", paramLabel = "N", description = MAX_EPOCHS_DESCRIPTION)
  Integer maxEpochs;

  @Option(names = "--no-augment", description = "Train vgg-small without random crops and flips (to measure what they bring).")
  boolean noAugment;

  @Option(names = "--classes", split = ",", paramLabel = "C",
      description = "Train on these classes of the data set only (indices, e.g. 0,1,2,3,4,5), relabelled 0..K'-1 in"
          + " increasing order; the model records them, and fit and evaluate on this data set read the same classes (default: all).")
  List<Integer> classes;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Model file to write (a DL4J zip with metadata).")
  Path out;

  @Override
  public Integer call() throws Exception {
    ModelRecipe recipe = recipe(arch);
    TrainingSettings defaults = settings(recipe, seed, maxEpochs);
    TrainingSettings settings = noAugment ? defaults.withAugment(false) : defaults;
    DataSplit all = dataset.load();
    Optional<ClassSubset> subset = classes == null ? Optional.empty() : Optional.of(ClassSubsets.keeping("--classes", classes, all));
    DataSplit data = subset.map(s -> s.keep(all)).orElse(all);
    ModelTraining.Result result =
        ModelTraining.train(data, dataset.name, subset.map(ClassSubset::kept), recipe, settings,
            new ProgressBar(spec.commandLine().getErr(), settings.maxEpochs()), out);
    spec.commandLine()
        .getOut()
        .printf(
            "trained %s on %s (seed %d): test accuracy %.4f, best epoch %d; wrote %s%n",
            recipe.id(), ClassSubsets.describe(dataset.name, subset), seed, result.testAccuracy(), result.bestEpoch(), out);
    return ExitCodes.OK;
  }

  static final String ARCH_DESCRIPTION = "paper-mlp, wide-mlp, or vgg-small (a convolutional network for 32x32 RGB images"
      + " such as --dataset cifar10:DIR) (default: ${DEFAULT-VALUE}).";
  static final String MAX_EPOCHS_DESCRIPTION = "Upper bound on epochs; early stopping usually ends sooner (default: 30 for the"
      + " MLPs, 12 for vgg-small, whose learning-rate cycle spans them).";

  /** The recipe's training settings, with {@code --max-epochs} when given. */
  static TrainingSettings settings(ModelRecipe recipe, long seed, Integer maxEpochs) {
    if (maxEpochs != null && maxEpochs < 1) {
      throw new UsageException("--max-epochs must be at least 1, found " + maxEpochs);
    }
    TrainingSettings defaults = recipe.defaults(seed);
    return maxEpochs == null ? defaults : defaults.withMaxEpochs(maxEpochs);
  }

  static ModelRecipe recipe(String arch) {
    try {
      return ModelRecipe.byId(arch);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--arch: " + e.getMessage());
    }
  }
}
