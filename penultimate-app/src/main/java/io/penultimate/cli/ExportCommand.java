package io.penultimate.cli;

import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledSamples;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.experiment.CsvExport;
import io.penultimate.model.LabeledOutputs;
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
  @Mixin DatasetOptions dataset;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file from 'penultimate train'.")
  Path model;

  @Option(names = "--split", required = true, paramLabel = "SPLIT", description = "train, validation or test.")
  String split;

  @Option(names = "--hidden-layer", paramLabel = "LAYER", description = "Layer index to read instead of the last hidden layer.")
  String hiddenLayer;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV file to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    DataSplit data = dataset.load();
    LabeledSamples images = DatasetOptions.part(data, split);
    ModelFile.Loaded loaded = ModelFile.read(model);
    LabeledOutputs outputs =
        new LabeledOutputs(HiddenProbe.of(loaded.network(), hiddenLayer).probe(images.features()), images.labels());
    CsvExport.write(outputs, out);
    spec.commandLine().getOut().printf("wrote %d rows to %s%n", outputs.size(), out);
    return ExitCodes.OK;
  }
}
