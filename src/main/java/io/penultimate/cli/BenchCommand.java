package io.penultimate.cli;

import io.penultimate.data.DataSplit;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.experiment.Experiment;
import io.penultimate.experiment.FitBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks on this machine (results are wall times, and ratios to a baseline run alongside).",
    subcommands = {BenchCommand.Fit.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing benchmark; try 'penultimate bench fit --help'");
  }

  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description = "Time fitting every encoder family on the training split's hidden outputs of a model.")
  static final class Fit implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin DatasetOptions dataset;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file from 'penultimate train'.")
    Path model;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs per step; the fastest counts (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
      if (repeats < 1) {
        throw new UsageException("--repeats must be at least 1, found " + repeats);
      }
      DataSplit data = dataset.load();
      Experiment experiment = new Experiment(ModelFile.read(model), null);
      long start = System.nanoTime();
      var train = experiment.probe(data.train());
      double probeSeconds = (System.nanoTime() - start) / 1e9;
      FitBenchmark.Result result = FitBenchmark.run(train, data.train().classNames().size(), repeats);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("fit on %d correct training samples x %d nodes x %d classes, %d processors, best of %d%n",
          result.samples(), result.width(), result.classes(), Runtime.getRuntime().availableProcessors(), repeats);
      out.printf("  (probing %d training images through the network took %.2f s, not counted)%n", data.train().size(), probeSeconds);
      double baseline = result.seconds().get(FitBenchmark.BASELINE);
      out.printf("  %-38s %10s %12s%n", "step", "seconds", "x baseline");
      for (Map.Entry<String, Double> step : result.seconds().entrySet()) {
        out.printf("  %-38s %10.3f %12.1f%n", step.getKey(), step.getValue(), step.getValue() / baseline);
      }
      out.printf("  %-38s %10.3f %12.1f%n", "all families", result.total(), result.total() / baseline);
      return ExitCodes.OK;
    }
  }
}
