package io.penultimate.cli;

import io.penultimate.data.LabeledSamples;
import io.penultimate.experiment.CsvExport;
import io.penultimate.experiment.InputCheck;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.LoadedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write one CSV row per sample: label, predicted, logits and last-hidden activations.")
final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DataOptions data;
  @Mixin InputTransformOptions input;

  @Option(names = "--data", paramLabel = "DATA", description = "Your own data instead of --dataset, exported whole: " + DataOptions.DATA + ".")
  Path file;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = ModelOptions.MODEL)
  Path model;

  @Option(names = "--split", paramLabel = "SPLIT", description = "train, validation or test: the part of --dataset to export.")
  String split;

  @Option(names = "--hidden-layer", paramLabel = "LAYER", description = ModelOptions.HIDDEN_LAYER)
  String hiddenLayer;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    data.requireOneSource("export", "--data", file, null);
    if (file == null && split == null) {
      throw new UsageException("export --dataset needs --split train, validation or test");
    }
    if (file != null && split != null) {
      throw new UsageException("--split applies to --dataset; --data " + file + " is exported whole");
    }
    LabeledOutputs outputs;
    try (LoadedModel loaded = ModelFiles.open(model, hiddenLayer)) {
      LabeledSamples samples = file == null ? DatasetOptions.part(data.loadNamed(), split) : data.read(file, loaded.classNames());
      InputCheck.requireInput(samples, loaded);
      InputCheck.requireClasses(samples, loaded.classNames());
      outputs = new LabeledOutputs(new ProbedModel(loaded, hiddenLayer, input.resolve(loaded, samples)).probe(samples).outputs(), samples.labels());
    }
    CsvExport.write(outputs, out);
    spec.commandLine().getOut().printf("wrote %d rows to %s%n", outputs.size(), out);
    return ExitCodes.OK;
  }
}
