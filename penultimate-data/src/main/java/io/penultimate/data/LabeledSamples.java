package io.penultimate.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Model inputs with their class labels: {@code features[i]} is sample i flattened row-major
 * ({@code inputShape} 28, 28 gives 784 values; 3, 32, 32 an RGB image, channels first), every value
 * finite; {@code labels[i]} indexes {@code classNames}.
 *
 * <p>The arrays are not copied (a training set is ~200 MB of floats, and {@link #subset} shares
 * rows with its parent): treat them as read-only. Value ranges are the format's: the named data
 * sets and IDX files give [0, 1], image folders 0..255, CSV and NPZ files what they hold.
 *
 * @param inputShape the shape of one sample, whose product is each row's length
 * @param source the file or files the samples came from, for provenance and messages
 */
public record LabeledSamples(
    float[][] features, List<Integer> inputShape, int[] labels, List<String> classNames, String source) {

  public LabeledSamples {
    classNames = List.copyOf(classNames);
    inputShape = List.copyOf(inputShape);
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("at least one class name is required (" + source + ")");
    }
    long width = 1;
    for (int dimension : inputShape) {
      if (dimension < 1) {
        throw new IllegalArgumentException("input shape " + inputShape + " has a dimension below 1 (" + source + ")");
      }
      width *= dimension;
    }
    if (inputShape.isEmpty() || width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("input shape " + inputShape + " must have 1 to 2^31 - 1 values (" + source + ")");
    }
    if (features.length != labels.length) {
      throw new IllegalArgumentException(
          features.length + " samples but " + labels.length + " labels (" + source + ")");
    }
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != width) {
        throw new IllegalArgumentException(
            "sample " + i + " has " + features[i].length + " values, its input shape " + inputShape + " needs " + width
                + " (" + source + ")");
      }
      for (float v : features[i]) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("sample " + i + " has the value " + v + " (" + source + ")");
        }
      }
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of sample " + i + " is outside [0, " + classNames.size() + ") (" + source + ")");
      }
    }
  }

  /** Number of samples. */
  public int size() {
    return labels.length;
  }

  /** Values per sample, the product of {@link #inputShape} (784 for 28x28), also when there are none. */
  public int inputSize() {
    return inputShape.stream().reduce(1, (a, b) -> a * b);
  }

  /** The samples at {@code indices}, in that order; rows are shared, not copied. */
  public LabeledSamples subset(int[] indices) {
    float[][] rows = new float[indices.length][];
    int[] subLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      rows[i] = features[indices[i]];
      subLabels[i] = labels[indices[i]];
    }
    return new LabeledSamples(rows, inputShape, subLabels, classNames, source);
  }

  /**
   * Several sets of one input shape as one, each sample labelled by the set it came from: a far-OOD
   * set drawn from several data sets, whose own classes do not matter there.
   *
   * @param setNames one per set, the pooled set's class names
   */
  public static LabeledSamples pooled(List<LabeledSamples> sets, List<String> setNames) {
    if (sets.isEmpty() || sets.size() != setNames.size()) {
      throw new IllegalArgumentException(sets.size() + " sets to pool under " + setNames.size() + " names " + setNames);
    }
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int set = 0; set < sets.size(); set++) {
      LabeledSamples samples = sets.get(set);
      if (!samples.inputShape().equals(sets.get(0).inputShape())) {
        throw new IllegalArgumentException("cannot pool " + samples.source() + " (shape " + samples.inputShape() + ") with "
            + sets.get(0).source() + " (shape " + sets.get(0).inputShape() + ")");
      }
      for (float[] row : samples.features()) {
        rows.add(row);
        labels.add(set);
      }
    }
    String source = String.join(" + ", sets.stream().map(LabeledSamples::source).toList());
    return new LabeledSamples(rows.toArray(float[][]::new), sets.get(0).inputShape(),
        labels.stream().mapToInt(Integer::intValue).toArray(), setNames, source);
  }

  /** Number of samples per class, indexed like {@code classNames}. */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  @Override
  public String toString() {
    return "LabeledSamples[" + size() + " x " + inputShape + ", " + classNames.size() + " classes, " + source + "]";
  }
}
