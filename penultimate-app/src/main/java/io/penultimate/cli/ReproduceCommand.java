package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.report.EvaluationReport;
import io.penultimate.report.Evaluator;
import io.penultimate.report.PaperTables;
import io.penultimate.report.ReproduceSummary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
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

  @Option(names = "--arch", defaultValue = "paper-mlp", paramLabel = "ARCH", description = "paper-mlp or wide-mlp (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(names = "--seeds", defaultValue = "1", split = ",", paramLabel = "S", description = "Comma-separated seeds (default: ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--max-epochs", defaultValue = "30", description = "Upper bound on training epochs (default: ${DEFAULT-VALUE}).")
  int maxEpochs;

  @Option(names = "--work-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where models and bundles are kept; a model already there is reused (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(names = "--retrain", description = "Train again even if a model for this data set, architecture and seed exists.")
  boolean retrain;

  @Override
  public Integer call() throws Exception {
    ModelRecipe recipe = TrainCommand.recipe(arch);
    if (maxEpochs < 1) {
      throw new UsageException("--max-epochs must be at least 1, found " + maxEpochs);
    }
    PrintWriter err = spec.commandLine().getErr();
    DataSplit data = dataset.load();
    String oodName = DatasetOptions.counterpart(dataset.name);
    LabeledSamples ood = DatasetOptions.load(oodName, dataset.dataDir()).test();
    List<EvaluationReport> runs = new ArrayList<>();
    for (long seed : seeds) {
      Path dir = workDir.resolve(dataset.name.replace(':', '_').replace('/', '_') + "-" + recipe.id() + "-seed" + seed);
      Path modelFile = dir.resolve("model.zip");
      if (retrain || !Files.exists(modelFile)) {
        err.printf("seed %d: training %s on %s%n", seed, recipe.id(), dataset.name);
        ModelTraining.train(data, dataset.name, recipe, TrainingSettings.defaults(seed).withMaxEpochs(maxEpochs),
            new ProgressBar(err, maxEpochs), modelFile);
      } else {
        err.printf("seed %d: reusing %s (pass --retrain to train again)%n", seed, modelFile);
      }
      ModelFile.Loaded model = ModelFile.read(modelFile);
      ProbedModel probed = new ProbedModel(model, null);
      err.printf("seed %d: fitting encoders%n", seed);
      EncoderBundle bundle = probed.fit(data, dataset.name);
      BundleJson.write(bundle, dir.resolve("encoders.json"));
      err.printf("seed %d: evaluating against %s%n", seed, oodName);
      Evaluator.Evaluation evaluation =
          probed.evaluate(bundle, data, ood, new Evaluator.Labels(dataset.name, oodName, recipe.id(), OptionalLong.of(seed)));
      runs.add(evaluation.report());
      report.writePlots(evaluation, "seed" + seed + "-");
    }
    PaperTables.print(runs, spec.commandLine().getOut());
    report.writeJson(ReproduceSummary.of(runs));
    return ExitCodes.OK;
  }
}
