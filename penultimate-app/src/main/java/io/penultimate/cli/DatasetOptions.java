package io.penultimate.cli;

import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.data.GrayToColour;
import io.penultimate.data.LabeledSamples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --dataset} and {@code --data-dir}, shared by every command that reads data. */
final class DatasetOptions {
  /** Joins the names of data sets pooled into one out-of-distribution set: {@code mnist+fashion-mnist}. */
  static final String POOLED = "+";
  static final String DIRECTORY_NAMES =
      Datasets.DIRECTORY_PREFIXES.stream().map(prefix -> prefix + "<dir>").collect(Collectors.joining(", "));

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

  /**
   * The default out-of-distribution partner of a data set: MNIST digits and Fashion-MNIST clothes
   * face each other; colour images (CIFAR) face both, pooled ({@value #POOLED}).
   */
  static String counterpart(String name) {
    if (name.startsWith(Datasets.CIFAR10_PREFIX) || name.startsWith(Datasets.CIFAR100_PREFIX)
        || name.startsWith(Datasets.CIFAR100_COARSE_PREFIX)) {
      return Datasets.MNIST + POOLED + Datasets.FASHION_MNIST;
    }
    return Datasets.MNIST.equals(name) ? Datasets.FASHION_MNIST : Datasets.MNIST;
  }

  /** Whether {@code data} names one data set or several pooled with {@value #POOLED}. */
  static boolean isOodName(String data) {
    return isName(data) || pooledNames(data).isPresent();
  }

  /** The names of a pooled set when each part of {@code data} split at {@value #POOLED} is one (a folder's name may hold a +). */
  private static Optional<List<String>> pooledNames(String data) {
    List<String> parts = List.of(data.split(Pattern.quote(POOLED)));
    return parts.size() > 1 && parts.stream().allMatch(DatasetOptions::isName) ? Optional.of(parts) : Optional.empty();
  }

  /**
   * The test split of a named out-of-distribution set, or of each set pooled with {@value #POOLED}
   * (each sample labelled by its set), as the model reads it: gray images facing a network of
   * (channels, height, width) images are resized and replicated to its shape ({@link GrayToColour}).
   */
  static LabeledSamples loadOod(String data, Path dataDir, List<Integer> modelShape) throws IOException {
    List<String> names = pooledNames(data).orElse(List.of(data));
    List<LabeledSamples> sets = new ArrayList<>();
    for (String name : names) {
      LabeledSamples test = load(name, dataDir).test();
      sets.add(GrayToColour.applies(test.inputShape(), modelShape) ? GrayToColour.convert(test, modelShape) : test);
    }
    return sets.size() == 1 ? sets.get(0) : LabeledSamples.pooled(sets, names);
  }
}
