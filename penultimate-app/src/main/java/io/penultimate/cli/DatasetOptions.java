package io.penultimate.cli;

import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.data.LabeledSamples;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dataset} and {@code --data-dir}, shared by every command that reads data. */
final class DatasetOptions {
  static final String DIRECTORY_NAMES =
      Datasets.DIRECTORY_PREFIXES.stream().map(prefix -> prefix + "<dir>").collect(java.util.stream.Collectors.joining(", "));

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "NAME",
      description = "mnist, fashion-mnist, idx:<dir> (a folder holding the four standard IDX files), cifar10:<dir> (the"
          + " CIFAR-10 binary files, or train/ and test/ class folders of images), cifar100:<dir> or cifar100-coarse:<dir>"
          + " (the CIFAR-100 binary files, fine or coarse labels).")
  String name;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where data sets are cached (default: $PENULTIMATE_DATA_DIR or ./data).")
  Path dataDir;

  Path dataDir() {
    return dataDir == null ? DataFetcher.defaultDataDir() : dataDir;
  }

  /** Fetches the data set if it is not cached yet, then loads its train/validation/test split. */
  DataSplit load() throws IOException {
    return load(name, dataDir());
  }

  static DataSplit load(String name, Path dataDir) throws IOException {
    requireKnown(name);
    return Datasets.NAMES.contains(name) ? DataFetcher.ensure(name, dataDir) : Datasets.load(name, dataDir);
  }

  /** Whether {@code data} names a data set rather than a file: mnist, fashion-mnist, idx:DIR, cifar10:DIR, …. */
  static boolean isName(String data) {
    return Datasets.isName(data);
  }

  static void requireKnown(String name) {
    if (!isName(name)) {
      throw new UsageException("unknown data set '" + name + "', expected one of " + Datasets.NAMES + " or " + DIRECTORY_NAMES);
    }
  }

  /** One part of a split by name, as the {@code --split} flags take it. */
  static LabeledSamples part(DataSplit data, String split) {
    return switch (split) {
      case "train" -> data.train();
      case "validation" -> data.validation();
      case "test" -> data.test();
      default -> throw new UsageException("--split must be train, validation or test, found '" + split + "'");
    };
  }

  /** The default out-of-distribution partner of a data set: MNIST digits and Fashion-MNIST clothes face each other. */
  static String counterpart(String name) {
    return Datasets.MNIST.equals(name) ? Datasets.FASHION_MNIST : Datasets.MNIST;
  }
}
