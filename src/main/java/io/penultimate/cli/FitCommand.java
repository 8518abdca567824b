package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.experiment.Experiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "fit",
    mixinStandardHelpOptions = true,
    description = "Fit every encoder family, OOD thresholds, calibration and the primary score; write the bundle.")
final class FitCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin DatasetOptions dataset;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file from 'penultimate train'.")
  Path model;

  @Option(names = "--hidden-layer", paramLabel = "LAYER", description = "Layer index to read instead of the last hidden layer.")
  String hiddenLayer;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Encoder bundle (JSON) to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    ModelFile.Loaded loaded = ModelFile.read(model);
    EncoderBundle bundle = new Experiment(loaded, hiddenLayer).fit(dataset.load(), dataset.name);
    BundleJson.write(bundle, out);
    spec.commandLine()
        .getOut()
        .printf("fitted %d nodes x %d classes (smoothing %s, beta epsilon %s, %d mixture components, primary gate alpha %s); wrote %s%n",
            bundle.width(), bundle.numClasses(), bundle.settings().smoothing(), bundle.settings().betaEpsilon(),
            bundle.settings().gmmComponents(), bundle.primary().alpha(), out);
    return ExitCodes.OK;
  }
}
