package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.ClassSubset;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.report.EvaluationReport;
import io.penultimate.report.Evaluator;
import io.penultimate.report.OodType;
import io.penultimate.report.PaperTables;
import io.penultimate.report.ReproduceSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = "Train, fit and evaluate end to end for each seed; print the paper's tables beside ours.")
final class ReproduceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DatasetOptions dataset;
  @Mixin ReportOptions report;

  @Option(names = "--arch", defaultValue = "paper-mlp", paramLabel = "ARCH", description = TrainCommand.ARCH_DESCRIPTION)
  String arch;

  @Option(names = "--seeds", defaultValue = "1", split = ",", paramLabel = "S", description = "Comma-separated seeds (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--max-epochs", paramLabel = "N", description = TrainCommand.MAX_EPOCHS_DESCRIPTION)
  Integer maxEpochs;

  @Option(names = "--work-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where models and bundles are kept; a model already there is reused (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--retrain", description = "Train again even if a model for this data set, architecture and seed exists.")
  boolean retrain;

  @Option(names = "--holdout", split = ",", paramLabel = "C",
      description = "The open-set protocol: train on every class but these (indices, e.g. 6,7,8,9) and score their test"
          + " images as near OOD, beside the other data set as far OOD (default: none held out).")
  List<Integer> holdout;

  @Override
  public Integer call() throws Exception {
    ModelRecipe recipe = TrainCommand.recipe(arch);
    TrainCommand.settings(recipe, 1, maxEpochs); // a wrong --max-epochs stops before any data loads
    PrintWriter err = spec.commandLine().getErr();
    DataSplit all = dataset.load();
    Optional<ClassSubset> subset = holdout == null ? Optional.empty() : Optional.of(ClassSubsets.holdingOut("--holdout", holdout, all));
    DataSplit data = subset.map(s -> s.keep(all)).orElse(all);
    String described = ClassSubsets.describe(dataset.name, subset);
    Map<OodType, LabeledSamples> ood = new EnumMap<>(OodType.class);
    Map<OodType, String> oodNames = new EnumMap<>(OodType.class);
    String oodName = DatasetOptions.counterpart(dataset.name);
    ood.put(OodType.FAR, DatasetOptions.loadOod(oodName, dataset.dataDir(), all.train().inputShape()));
    oodNames.put(OodType.FAR, oodName);
    subset.ifPresent(s -> {
      ood.put(OodType.NEAR, s.heldOutOf(all.test()));
      oodNames.put(OodType.NEAR, ClassSubsets.describeHeldOut(dataset.name, s));
    });
    List<EvaluationReport> runs = new ArrayList<>();
    for (long seed : seeds) {
      Path dir = workDir.resolve(runName(subset, recipe, seed));
      Path modelFile = dir.resolve("model.zip");
      if (retrain || !Files.exists(modelFile)) {
        err.printf("seed %d: training %s on %s%n", seed, recipe.id(), described);
        TrainingSettings settings = TrainCommand.settings(recipe, seed, maxEpochs);
        ModelTraining.train(data, dataset.name, subset.map(ClassSubset::kept), recipe, settings,
            new ProgressBar(err, settings.maxEpochs()), modelFile);
      } else {
        err.printf("seed %d: reusing %s (pass --retrain to train again)%n", seed, modelFile);
      }
      ModelFile.Loaded model = ModelFile.read(modelFile);
      requireTrainedOn(modelFile, model, subset);
      ProbedModel probed = new ProbedModel(model, null);
      err.printf("seed %d: fitting encoders%n", seed);
      EncoderBundle bundle = probed.fit(data, described);
      BundleJson.write(bundle, dir.resolve("encoders.json"));
      err.printf("seed %d: evaluating against %s%n", seed, String.join(" and ", oodNames.values()));
      Evaluator.Evaluation evaluation =
          probed.evaluate(bundle, data, ood, new Evaluator.Labels(described, oodNames, recipe.id(), OptionalLong.of(seed)));
      runs.add(evaluation.report());
      report.writePlots(evaluation, "seed" + seed + "-");
    }
    PaperTables.print(runs, spec.commandLine().getOut());
    report.writeJson(ReproduceSummary.of(runs));
    return ExitCodes.OK;
  }

  /** The run's folder in --work-dir: "mnist-paper-mlp-seed1", or "mnist-holdout6-7-8-9-paper-mlp-seed1" for a holdout. */
  private String runName(Optional<ClassSubset> subset, ModelRecipe recipe, long seed) {
    String held = subset.map(s -> "-holdout" + s.heldOut().stream().map(String::valueOf).collect(Collectors.joining("-"))).orElse("");
    return dataset.name.replace(':', '_').replace('/', '_') + held + "-" + recipe.id() + "-seed" + seed;
  }

  /** A model found in the work directory was trained on the classes this run trains on, or is refused naming both. */
  private static void requireTrainedOn(Path modelFile, ModelFile.Loaded model, Optional<ClassSubset> subset) {
    Optional<List<Integer>> expected = subset.map(ClassSubset::kept);
    Optional<List<Integer>> found = model.metadata().datasetClasses();
    if (!found.equals(expected)) {
      throw new IllegalArgumentException(modelFile + " was trained on " + found.map(c -> "classes " + c).orElse("every class")
          + ", this run trains on " + expected.map(c -> "classes " + c).orElse("every class") + " (pass --retrain to train again)");
    }
  }
}
