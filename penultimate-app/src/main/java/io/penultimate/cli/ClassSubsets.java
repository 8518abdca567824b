package io.penultimate.cli;

import io.penultimate.data.ClassSubset;
import io.penultimate.data.DataSplit;
import io.penultimate.model.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The open-set protocol on the command line: {@code train --classes} and {@code reproduce
 * --holdout} choose the classes of a named data set to train on, the model's metadata records them
 * ({@link ModelMetadata#datasetClasses()}), and {@code fit} and {@code evaluate} read the same
 * classes of that data set from there.
 */
final class ClassSubsets {
  private ClassSubsets() {}

  /** {@code --classes}: the listed classes of {@code data}; a usage error naming the option when they are no subset. */
  static ClassSubset keeping(String option, List<Integer> classes, DataSplit data) {
    try {
      return ClassSubset.keeping(classes, data.train().classNames());
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /** {@code --holdout}: every class of {@code data} but the listed ones; a usage error naming the option. */
  static ClassSubset holdingOut(String option, List<Integer> classes, DataSplit data) {
    try {
      return ClassSubset.holdingOut(classes, data.train().classNames());
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /**
   * The classes of the named data set {@code data} that the model was trained on, as its metadata
   * records them; empty for a model of every class.
   *
   * @throws IllegalArgumentException when the data set lacks those classes or names them otherwise
   *     than the model does (a model trained on other data), naming both
   */
  static Optional<ClassSubset> ofModel(Path modelFile, ModelMetadata metadata, String datasetName, DataSplit data) {
    if (metadata.datasetClasses().isEmpty()) {
      return Optional.empty();
    }
    List<Integer> indices = metadata.datasetClasses().get();
    List<String> names = data.train().classNames();
    String trainedOn = modelFile + " was trained on classes " + joined(indices) + " of " + metadata.dataset().orElse("its data set");
    if (indices.get(indices.size() - 1) >= names.size()) {
      throw new IllegalArgumentException(trainedOn + ", but --dataset " + datasetName + " has " + names.size()
          + " classes (0.." + (names.size() - 1) + "); give the data set it was trained on");
    }
    ClassSubset subset = new ClassSubset(indices, names);
    if (!subset.keptNames().equals(metadata.classNames())) {
      throw new IllegalArgumentException(trainedOn + ", named " + String.join(", ", metadata.classNames()) + "; those of --dataset "
          + datasetName + " are named " + String.join(", ", subset.keptNames()) + " (give the data set it was trained on"
          + metadata.dataset().map(d -> ", --dataset " + d).orElse("") + ")");
    }
    return Optional.of(subset);
  }

  /** "mnist" or, for a subset, "mnist, classes 0,1,2,3,4,5": the data a model, bundle or report is of. */
  static String describe(String datasetName, Optional<ClassSubset> subset) {
    return subset.map(s -> datasetName + ", " + s.describeKept()).orElse(datasetName);
  }

  /** "mnist, held-out classes 6,7,8,9": the near OOD set's name. */
  static String describeHeldOut(String datasetName, ClassSubset subset) {
    return datasetName + ", " + subset.describeHeldOut();
  }

  private static String joined(List<Integer> indices) {
    return indices.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
