package io.penultimate.experiment;

import io.penultimate.data.LabeledSamples;
import io.penultimate.model.LoadedModel;
import java.util.List;

/**
 * Whether data suits a model, checked before anything goes through the network: a mismatch is
 * then one line naming the data, where DL4J would fail deep inside a matrix product.
 */
public final class InputCheck {
  private static final int NAMES_SHOWN = 10;

  private InputCheck() {}

  /**
   * @param inputSize the values the model reads per input
   * @throws IllegalArgumentException naming the data, its shape and the model's input size
   */
  public static void requireInputSize(LabeledSamples data, int inputSize) {
    if (data.inputSize() != inputSize) {
      String shape = data.inputShape().size() == 1 ? "" : " (shape " + data.inputShape() + ")";
      throw new IllegalArgumentException(data.source() + ": its samples have " + data.inputSize() + " values" + shape
          + ", but the model reads " + inputSize + " per input");
    }
  }

  /**
   * The input size, and the layout: data stored as arrays of several dimensions (image folders,
   * NPZ arrays of shape (N, d1, d2, …)) must have the model's input shape, dimensions of 1 aside,
   * since the values of a row reach the model in the order they are stored. An image folder read
   * channels first (C×H×W) for a network that reads channels last (H×W×C) holds as many values,
   * and would be scored on scrambled pixels. Flat data (CSV rows, an NPZ of shape (N, features)) is
   * taken to be in the model's order.
   *
   * @throws IllegalArgumentException naming the data, its shape and the model's
   */
  public static void requireInput(LabeledSamples data, LoadedModel model) {
    requireInputSize(data, model.inputSize());
    List<Integer> shape = data.inputShape();
    List<Integer> expected = model.inputShape();
    if (shape.size() > 1 && expected.size() > 1 && !withoutOnes(shape).equals(withoutOnes(expected))) {
      throw new IllegalArgumentException(data.source() + ": its samples have shape " + shape + ", but the model reads "
          + expected + "; the same values in another layout would reach it in the wrong order (store them in the model's"
          + " layout, or as flat rows in its order)");
    }
  }

  private static List<Integer> withoutOnes(List<Integer> shape) {
    return shape.stream().filter(d -> d != 1).toList();
  }

  /**
   * @param classNames the model's (or bundle's) classes, one per output
   * @throws IllegalArgumentException naming the data's classes and the model's
   */
  public static void requireClasses(LabeledSamples data, List<String> classNames) {
    if (data.classNames().size() != classNames.size()) {
      throw new IllegalArgumentException(data.source() + " has " + data.classNames().size() + " classes ("
          + shown(data.classNames()) + "), but the model has " + classNames.size() + " outputs (" + shown(classNames)
          + "); list the model's classes in the order of its outputs with --class-names");
    }
  }

  private static String shown(List<String> names) {
    String head = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
    return names.size() > NAMES_SHOWN ? head + ", …" : head;
  }
}
