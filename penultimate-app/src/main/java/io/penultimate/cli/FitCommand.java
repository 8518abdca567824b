package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.experiment.ProbedModel;
import java.nio.file.Path;
import java.util.OptionalDouble;
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

  @Option(names = "--primary-alpha", paramLabel = "A",
      description = "Gate level of the primary score in [0, 1]: higher flags more out-of-distribution inputs and ranks wrong predictions less well"
          + " ('evaluate' prints the trade-off); default: chosen on the validation split.")
  Double primaryAlpha;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Encoder bundle (JSON) to write.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (primaryAlpha != null && !(primaryAlpha >= 0 && primaryAlpha <= 1)) {
      throw new UsageException("--primary-alpha must be in [0, 1], found " + primaryAlpha);
    }
    ModelFile.Loaded loaded = ModelFile.read(model);
    EncoderBundle bundle = new ProbedModel(loaded, hiddenLayer)
        .fit(dataset.load(), dataset.name, primaryAlpha == null ? OptionalDouble.empty() : OptionalDouble.of(primaryAlpha));
    BundleJson.write(bundle, out);
    spec.commandLine()
        .getOut()
        .printf("fitted %d nodes x %d classes (smoothing %s, beta epsilon %s, %d mixture components, primary gate alpha %s); wrote %s%n",
            bundle.width(), bundle.numClasses(), bundle.settings().smoothing(), bundle.settings().betaEpsilon(),
            bundle.settings().gmmComponents(), bundle.primary().alpha(), out);
    return ExitCodes.OK;
  }
}
