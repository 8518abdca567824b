package io.penultimate.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * What is known of a model beside its network: how to read it, and how it was trained. A model
 * file written by {@code penultimate train} carries all of it; for any other DL4J model it is read
 * from the network's configuration, and the training fields are empty.
 *
 * @param dataset the data set the model was trained on
 * @param arch the architecture: a recipe of {@code train --arch}, or the kind of DL4J network
 * @param hiddenLayer the last hidden layer, as the probe names it: a layer index ("1") or a graph
 *     vertex name ("dense_2"); files written before graphs were read hold the index as a number
 * @param hiddenWidth number of nodes in that layer
 * @param inputSize values per input, as events carry them (a flat row)
 * @param datasetClasses for a model trained on some of the data set's classes ({@code train
 *     --classes}, the open-set protocol), their original indices, increasing, one per class name:
 *     output k is the data set's class {@code datasetClasses.get(k)}, and the data set's other
 *     classes are unknown to it. Empty when the model's classes are the data set's own, as in
 *     files written before the field (it is optional, not a new format: its absence means what it
 *     always meant)
 */
public record ModelMetadata(
    int formatVersion,
    Optional<String> dataset,
    String arch,
    OptionalLong seed,
    OptionalDouble testAccuracy,
    OptionalDouble validationAccuracy,
    OptionalInt epochs,
    String hiddenLayer,
    int hiddenWidth,
    int inputSize,
    List<String> classNames,
    Optional<List<Integer>> datasetClasses) {

  public static final int FORMAT_VERSION = 1;

  public ModelMetadata {
    classNames = List.copyOf(classNames);
    datasetClasses = datasetClasses == null ? Optional.empty() : datasetClasses.map(List::copyOf);
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "model metadata format version " + formatVersion + " is not supported, expected " + FORMAT_VERSION);
    }
    if (hiddenLayer == null || hiddenLayer.isBlank() || hiddenWidth <= 0 || inputSize <= 0 || classNames.size() < 2) {
      throw new IllegalArgumentException(
          "model metadata needs a hidden layer, hiddenWidth > 0, inputSize > 0 and at least 2 classes, found "
              + (hiddenLayer == null ? "none" : "'" + hiddenLayer + "'") + ", " + hiddenWidth + ", " + inputSize + ", "
              + classNames.size());
    }
    if (datasetClasses.isPresent()) {
      requireSubsetOf(datasetClasses.get(), classNames.size());
    }
  }

  private static void requireSubsetOf(List<Integer> indices, int numClasses) {
    boolean increasing = true;
    for (int i = 0; i < indices.size(); i++) {
      increasing &= indices.get(i) >= 0 && (i == 0 || indices.get(i) > indices.get(i - 1));
    }
    if (!increasing || indices.size() != numClasses) {
      throw new IllegalArgumentException("model metadata's datasetClasses must be " + numClasses
          + " increasing non-negative class indices, one per class name, found " + indices);
    }
  }

  /** This metadata for a model trained on the data set's classes {@code indices} only (see {@code datasetClasses}). */
  public ModelMetadata withDatasetClasses(List<Integer> indices) {
    return new ModelMetadata(formatVersion, dataset, arch, seed, testAccuracy, validationAccuracy, epochs, hiddenLayer,
        hiddenWidth, inputSize, classNames, Optional.of(indices));
  }

  /** The metadata {@code penultimate train} writes: everything is known. */
  public static ModelMetadata trained(
      String dataset, String arch, long seed, double testAccuracy, double validationAccuracy, int epochs,
      String hiddenLayer, int hiddenWidth, int inputSize, List<String> classNames) {
    return new ModelMetadata(FORMAT_VERSION, Optional.of(dataset), arch, OptionalLong.of(seed), OptionalDouble.of(testAccuracy),
        OptionalDouble.of(validationAccuracy), OptionalInt.of(epochs), hiddenLayer, hiddenWidth, inputSize, classNames, Optional.empty());
  }

  /**
   * The metadata of a network that came without ours, as far as its configuration tells: no data
   * set, seed or accuracy, and classes named by their index ("0".."K-1"), as the network's output has them.
   */
  public static ModelMetadata ofNetwork(String arch, String hiddenLayer, int hiddenWidth, int inputSize, int numClasses) {
    List<String> classNames = IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
    return new ModelMetadata(FORMAT_VERSION, Optional.empty(), arch, OptionalLong.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), OptionalInt.empty(), hiddenLayer, hiddenWidth, inputSize, classNames, Optional.empty());
  }
}
