package io.penultimate.encoder;

/**
 * Last-hidden activations of the training samples the model classified correctly: what every
 * encoder is fitted on (paper section 2.1).
 *
 * <p>Row r is sample r's hidden vector h = (h_1..h_n) and {@code classes[r]} its class. Values must
 * be finite and within ±{@value #MAX_ABS_VALUE}: larger activations come from a broken model, and
 * the bound keeps sums of squares finite during fitting.
 *
 * <p>The arrays are not copied: 60,000 × 512 activations take a quarter of a gigabyte, so the
 * caller hands them over and must not change them afterwards.
 */
public record HiddenSamples(double[][] hidden, int[] classes, int numClasses) {

  public static final double MAX_ABS_VALUE = 1e100;

  public HiddenSamples {
    if (numClasses < 1) {
      throw new IllegalArgumentException("numClasses must be at least 1, found " + numClasses);
    }
    if (Checks.present("hidden", hidden).length != Checks.present("classes", classes).length) {
      throw new IllegalArgumentException(
          "hidden has " + hidden.length + " rows but classes has " + classes.length + " labels, expected one label per row");
    }
    if (hidden.length == 0 || Checks.present("row 0", hidden[0]).length == 0) {
      throw new IllegalArgumentException("need at least one sample of width at least 1, found " + hidden.length + " samples");
    }
    int width = hidden[0].length;
    for (int r = 0; r < hidden.length; r++) {
      if (Checks.present("row " + r, hidden[r]).length != width) {
        throw new IllegalArgumentException("row " + r + " has width " + hidden[r].length + ", expected " + width);
      }
      if (classes[r] < 0 || classes[r] >= numClasses) {
        throw new IllegalArgumentException(
            "class of row " + r + " is " + classes[r] + ", expected 0 <= class < " + numClasses);
      }
      for (int i = 0; i < width; i++) {
        double h = hidden[r][i];
        if (!(Math.abs(h) <= MAX_ABS_VALUE)) {
          throw new IllegalArgumentException(
              "hidden[" + r + "][" + i + "] must be finite and within ±" + MAX_ABS_VALUE + ", found " + h);
        }
      }
    }
  }

  /** Number of samples (rows). */
  public int size() {
    return hidden.length;
  }

  /** Number of hidden nodes (columns). */
  public int width() {
    return hidden[0].length;
  }

  /** Number of samples of class {@code cls}; 0 for a class that has none. */
  public int classCount(int cls) {
    Checks.cls(cls, numClasses);
    int count = 0;
    for (int c : classes) {
      if (c == cls) {
        count++;
      }
    }
    return count;
  }

  /** The values of node {@code node} over the samples of class {@code cls}, in row order. */
  public double[] values(int node, int cls) {
    Checks.node(node, width());
    double[] out = new double[classCount(cls)];
    int k = 0;
    for (int r = 0; r < hidden.length; r++) {
      if (classes[r] == cls) {
        out[k++] = hidden[r][node];
      }
    }
    return out;
  }

  /** The values of node {@code node} over all samples, whatever their class, in row order. */
  public double[] values(int node) {
    Checks.node(node, width());
    double[] out = new double[hidden.length];
    for (int r = 0; r < hidden.length; r++) {
      out[r] = hidden[r][node];
    }
    return out;
  }
}
