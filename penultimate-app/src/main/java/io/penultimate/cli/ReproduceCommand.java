package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.ClassSubset;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.experiment.InputCheck;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LoadedModel;
import io.penultimate.report.EvaluationReport;
import io.penultimate.report.Evaluator;
import io.penultimate.report.OodType;
import io.penultimate.report.PaperTables;
import io.penultimate.report.ReproduceSummary;
import java.io.IOException;
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
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

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

  @Option(names = "--model", split = ",", paramLabel = "FILE",
      description = "Reproduce on models trained elsewhere instead of training (ONNX or DL4J files, comma-separated, one run"
          + " each, e.g. one per seed): each is fitted and evaluated on --dataset, its bundle written to --work-dir; a model"
          + " that declares some of the data set's classes (train --classes, or an ONNX file's metadata_props) faces the"
          + " others as near OOD. --arch, --seeds, --max-epochs, --retrain and --holdout apply to training only.")
  List<Path> models;

  /** The OOD sets a run faces, by type, and their names: far always, near for a model of some of the classes. */
  private record OodSets(Map<OodType, LabeledSamples> sets, Map<OodType, String> names) {}

  @Override
  public Integer call() throws Exception {
    if (models != null) {
      return reproduceGiven();
    }
    ModelRecipe recipe = TrainCommand.recipe(arch);
    TrainCommand.settings(recipe, 1, maxEpochs); // a wrong --max-epochs stops before any data loads
    PrintWriter err = spec.commandLine().getErr();
    DataSplit all = dataset.load();
    Optional<ClassSubset> subset = holdout == null ? Optional.empty() : Optional.of(ClassSubsets.holdingOut("--holdout", holdout, all));
    DataSplit data = subset.map(s -> s.keep(all)).orElse(all);
    String described = ClassSubsets.describe(dataset.name, subset);
    OodSets ood = oodSets(all, subset);
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
      runs.add(fitAndEvaluate(model, data, described, ood,
          new Evaluator.Labels(described, ood.names(), recipe.id(), OptionalLong.of(seed)), dir.resolve("encoders.json"),
          "seed" + seed + "-", "seed " + seed));
    }
    PaperTables.print(runs, spec.commandLine().getOut());
    report.writeJson(ReproduceSummary.of(runs));
    return ExitCodes.OK;
  }

  /** The runs on --model's files: each fitted and evaluated as a trained seed is. */
  private int reproduceGiven() throws Exception {
    List<String> trainingOnly = Stream.of("--arch", "--seeds", "--max-epochs", "--retrain", "--holdout")
        .filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
    if (!trainingOnly.isEmpty()) {
      throw new UsageException("--model reproduces on the models given, which " + String.join(", ", trainingOnly)
          + " cannot apply to (they set up training): leave them out");
    }
    List<String> names = models.stream().map(ReproduceCommand::nameOf).toList();
    if (names.stream().distinct().count() < names.size()) {
      throw new UsageException("--model " + models.stream().map(Path::toString).collect(Collectors.joining(","))
          + " names two files alike (" + String.join(", ", names) + "), whose bundles and plots would overwrite each other"
          + " in --work-dir: rename one");
    }
    DataSplit all = dataset.load();
    Optional<ClassSubset> subset = sameClasses(all);
    DataSplit data = subset.map(s -> s.keep(all)).orElse(all);
    String described = ClassSubsets.describe(dataset.name, subset);
    OodSets ood = oodSets(all, subset);
    List<EvaluationReport> runs = new ArrayList<>();
    for (Path file : models) {
      try (LoadedModel loaded = ModelFiles.open(file)) {
        InputCheck.requireInput(data.test(), loaded);
        String name = nameOf(file);
        runs.add(fitAndEvaluate(loaded, data, described, ood,
            new Evaluator.Labels(described, ood.names(), loaded.metadata().arch(), loaded.metadata().seed()),
            workDir.resolve(name + "-encoders.json"), name + "-", name));
      }
    }
    PaperTables.print(runs, spec.commandLine().getOut());
    report.writeJson(ReproduceSummary.of(runs));
    return ExitCodes.OK;
  }

  /** A given model's run: its file name without the extension, which names its bundle and plots. */
  private static String nameOf(Path model) {
    return model.getFileName().toString().replaceFirst("\\.(onnx|zip)$", "");
  }

  /** The classes every --model file knows (each declares them, or knows every class), or a refusal naming two that differ. */
  private Optional<ClassSubset> sameClasses(DataSplit all) throws IOException {
    Optional<ClassSubset> first = Optional.empty();
    for (int i = 0; i < models.size(); i++) {
      try (LoadedModel loaded = ModelFiles.open(models.get(i))) {
        Optional<ClassSubset> subset = ClassSubsets.ofModel(models.get(i), loaded.metadata(), dataset.name, all);
        if (i > 0 && !subset.map(ClassSubset::kept).equals(first.map(ClassSubset::kept))) {
          throw new IllegalArgumentException(models.get(i) + " knows other classes than " + models.get(0)
              + ": the runs of one table must be of the same classes (reproduce them separately)");
        }
        first = subset;
      }
    }
    return first;
  }

  private OodSets oodSets(DataSplit all, Optional<ClassSubset> subset) throws IOException {
    Map<OodType, LabeledSamples> sets = new EnumMap<>(OodType.class);
    Map<OodType, String> names = new EnumMap<>(OodType.class);
    String far = DatasetOptions.counterpart(dataset.name);
    sets.put(OodType.FAR, DatasetOptions.loadOod(far, dataset.dataDir(), all.train().inputShape()));
    names.put(OodType.FAR, far);
    subset.ifPresent(s -> {
      sets.put(OodType.NEAR, s.heldOutOf(all.test()));
      names.put(OodType.NEAR, ClassSubsets.describeHeldOut(dataset.name, s));
    });
    return new OodSets(sets, names);
  }

  /**
   * Fits the bundle on the model's last hidden layer (written to {@code bundleFile}), evaluates it
   * against the OOD sets and writes the plots.
   */
  private EvaluationReport fitAndEvaluate(LoadedModel model, DataSplit data, String described, OodSets ood, Evaluator.Labels labels,
      Path bundleFile, String plotPrefix, String run) throws Exception {
    ProbedModel probed = new ProbedModel(model, null, InputTransform.IDENTITY, BlasDotProducts.INSTANCE);
    PrintWriter err = spec.commandLine().getErr();
    err.printf("%s: fitting encoders%n", run);
    EncoderBundle bundle = probed.fit(data, described);
    Files.createDirectories(bundleFile.toAbsolutePath().getParent());
    BundleJson.write(bundle, bundleFile);
    err.printf("%s: evaluating against %s%n", run, String.join(" and ", ood.names().values()));
    Evaluator.Evaluation evaluation = probed.evaluate(bundle, data, ood.sets(), labels);
    report.writePlots(evaluation, plotPrefix);
    return evaluation.report();
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
