package io.penultimate.data;

import java.util.List;

/**
 * Images with their class labels: {@code pixels[i]} is image i flattened row-major (784 values for
 * 28x28), every value finite and in [0, 1]; {@code labels[i]} indexes {@code classNames}.
 *
 * <p>The arrays are not copied (a training set is ~200 MB of floats, and {@link #subset} shares
 * rows with its parent): treat them as read-only.
 *
 * @param source the file or files the images came from, for provenance and messages
 */
public record LabeledImages(float[][] pixels, int[] labels, List<String> classNames, String source) {

  public LabeledImages {
    classNames = List.copyOf(classNames);
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("at least one class name is required (" + source + ")");
    }
    if (pixels.length != labels.length) {
      throw new IllegalArgumentException(
          pixels.length + " images but " + labels.length + " labels (" + source + ")");
    }
    int width = pixels.length == 0 ? 0 : pixels[0].length;
    for (int i = 0; i < pixels.length; i++) {
      if (pixels[i].length != width) {
        throw new IllegalArgumentException(
            "image " + i + " has " + pixels[i].length + " values, image 0 has " + width + " (" + source + ")");
      }
      for (float v : pixels[i]) {
        if (!(v >= 0 && v <= 1)) { // also rejects NaN
          throw new IllegalArgumentException("image " + i + " has pixel " + v + " outside [0, 1] (" + source + ")");
        }
      }
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of image " + i + " is outside [0, " + classNames.size() + ") (" + source + ")");
      }
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Values per image (784 for 28x28); 0 when there are no images. */
  public int inputSize() {
    return pixels.length == 0 ? 0 : pixels[0].length;
  }

  /** The images at {@code indices}, in that order; rows are shared, not copied. */
  public LabeledImages subset(int[] indices) {
    float[][] rows = new float[indices.length][];
    int[] subLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      rows[i] = pixels[indices[i]];
      subLabels[i] = labels[indices[i]];
    }
    return new LabeledImages(rows, subLabels, classNames, source);
  }

  /** Number of images per class, indexed like {@code classNames}. */
  public int[] classCounts() {
    int[] counts = new int[classNames.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  @Override
  public String toString() {
    return "LabeledImages[" + size() + " x " + inputSize() + ", " + classNames.size() + " classes, " + source + "]";
  }
}
