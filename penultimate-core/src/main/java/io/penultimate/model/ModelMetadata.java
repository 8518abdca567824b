package io.penultimate.model;

import java.util.List;

/**
 * What travels inside a model file beside the network: how it was trained and how to read it.
 *
 * @param hiddenLayer index of the last hidden layer, the one {@code fit} reads unless told another
 * @param hiddenWidth number of nodes in that layer
 */
public record ModelMetadata(
    int formatVersion,
    String dataset,
    String arch,
    long seed,
    double testAccuracy,
    double validationAccuracy,
    int epochs,
    int hiddenLayer,
    int hiddenWidth,
    int inputSize,
    List<String> classNames) {

  public static final int FORMAT_VERSION = 1;

  public ModelMetadata {
    classNames = List.copyOf(classNames);
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "model metadata format version " + formatVersion + " is not supported, expected " + FORMAT_VERSION);
    }
    if (hiddenWidth <= 0 || inputSize <= 0 || classNames.size() < 2) {
      throw new IllegalArgumentException(
          "model metadata needs hiddenWidth > 0, inputSize > 0 and at least 2 classes, found "
              + hiddenWidth + ", " + inputSize + ", " + classNames.size());
    }
  }
}
