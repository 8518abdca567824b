package io.penultimate.cli;

import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.data.LabelOptions;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.SampleFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where fit, evaluate, export and produce read their data: a named data set ({@code --dataset},
 * split as {@link Datasets} documents) or the user's own files (the command's {@code --train},
 * {@code --test} or {@code --data}, and {@code --ood}), and how those files' labels become classes.
 * Train, reproduce and bench keep {@link DatasetOptions}, for named data sets only.
 */
final class DataOptions {
  static final String DATA =
      "a CSV or NumPy file (.csv, .npz), an IDX images file, or a folder of IDX files or of class sub-folders of images";

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "mnist, fashion-mnist, idx:<dir> for a folder holding the four standard IDX files, cifar10:<dir>, cifar100:<dir>"
          + " or cifar100-coarse:<dir>; or give your own data instead.")
  String name;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where data sets are cached (default: $PENULTIMATE_DATA_DIR or ./data).")
  Path dataDir;

  @Option(
      names = "--label-column",
      paramLabel = "NAME",
      description = "The label column of CSV files (default: " + LabelOptions.DEFAULT_COLUMN + "); every other column is a feature.")
  String labelColumn;

  @Option(
      names = "--class-names",
      split = ",",
      paramLabel = "NAME",
      description = "The classes in the order of the model's outputs: CSV labels may be these names or indices into them,"
          + " image folders must be named as them (default: the model's classes for CSV, NPZ and IDX labels, the sorted"
          + " folder names for images).")
  List<String> classNames;

  Path dataDir() {
    return dataDir == null ? DataFetcher.defaultDataDir() : dataDir;
  }

  /**
   * Checks, before anything is loaded, that exactly one of {@code --dataset} and the command's own
   * data option is given, and that the options for files are not given for a named data set alone.
   *
   * @param dataOption the command's option for its own data, e.g. {@code --train}
   * @param data that option's value, or null
   * @param ood the value of {@code --ood}, or null (a file read there takes {@code --label-column})
   */
  void requireOneSource(String command, String dataOption, Object data, String ood) {
    if (name != null && data != null) {
      throw new UsageException("--dataset and " + dataOption + " are mutually exclusive: name a data set or give your own"
          + " data, not both");
    }
    if (name == null && data == null) {
      throw new UsageException(command + " needs --dataset NAME or " + dataOption + " DATA (" + DATA + ")");
    }
    if (name != null) {
      DatasetOptions.requireKnown(name);
    }
    if (name != null && classNames != null) {
      throw new UsageException("--class-names applies to " + dataOption + " DATA, not to --dataset " + name
          + ", whose classes are named already");
    }
    if (name != null && labelColumn != null && (ood == null || DatasetOptions.isName(ood))) {
      throw new UsageException("--label-column applies to CSV files (" + dataOption + ", --ood), not to --dataset " + name);
    }
    labelOptions(); // a blank column or repeated class names are usage errors too, found before anything loads
  }

  /** The named data set's split, fetched first if need be. */
  DataSplit loadNamed() throws IOException {
    return DatasetOptions.load(name, dataDir());
  }

  /**
   * Labelled samples from the user's file.
   *
   * @param modelClasses the classes of index labels unless {@code --class-names} names them (the
   *     model's or the bundle's), or null to count them from the labels
   */
  LabeledSamples read(Path file, List<String> modelClasses) {
    LabelOptions options = labelOptions();
    return SampleFiles.read(file, modelClasses == null ? options : options.withDefaultClassNames(modelClasses));
  }

  /**
   * Out-of-distribution inputs: the test split of a named data set (or of several joined by
   * {@value DatasetOptions#POOLED}) made into the model's input shape, or a file read without its labels.
   */
  LabeledSamples ood(String data, List<Integer> modelShape) throws IOException {
    if (DatasetOptions.isOodName(data)) {
      return DatasetOptions.loadOod(data, dataDir(), modelShape);
    }
    Path path = Path.of(data);
    if (!Files.exists(path)) {
      throw new UsageException("--ood " + data + ": no such file or folder, nor a data set name ("
          + String.join(", ", Datasets.NAMES) + ", " + DatasetOptions.DIRECTORY_NAMES + ")");
    }
    return SampleFiles.readUnlabelled(path, labelOptions().column());
  }

  /** The data set's name, or the file as given: what the bundle's provenance and the reports record. */
  String describe(Path data) {
    return name != null ? name : data.toString();
  }

  private LabelOptions labelOptions() {
    try {
      LabelOptions options = LabelOptions.DEFAULT.withColumn(labelColumn == null ? LabelOptions.DEFAULT_COLUMN : labelColumn);
      return classNames == null ? options : options.withClassNames(classNames);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--label-column, --class-names: " + e.getMessage());
    }
  }
}
