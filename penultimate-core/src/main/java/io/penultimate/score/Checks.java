package io.penultimate.score;

/** Argument checks shared by the scores; each failure names the offending value and what was expected. */
final class Checks {
  private Checks() {}

  static <T> T present(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    return value;
  }

  static void requireLogits(double[] logits) {
    if (present(logits, "logits").length == 0) {
      throw new IllegalArgumentException("logits must not be empty");
    }
    requireFinite(logits, "logits");
  }

  static void requireFinite(double[] x, String name) {
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, found " + x[i]);
      }
    }
  }

  /** A finite vector of exactly {@code expected} entries, as every hidden-vector input must be. */
  static void requireVector(double[] x, int expected, String name) {
    if (present(x, name).length != expected) {
      throw new IllegalArgumentException(name + " has length " + x.length + ", expected " + expected);
    }
    requireFinite(x, name);
  }

  static void requireClass(int c, int numClasses) {
    if (c < 0 || c >= numClasses) {
      throw new IllegalArgumentException("class " + c + " is out of range [0, " + numClasses + ")");
    }
  }

  /**
   * Validates the per-class sample counts and means of a fitted model and returns the dimension d:
   * at least one class, counts non-negative with at least one sample, every mean finite and d long.
   */
  static int requireClassMeans(int[] counts, double[][] means) {
    present(counts, "counts");
    present(means, "means");
    if (means.length == 0 || counts.length != means.length) {
      throw new IllegalArgumentException(
          "counts and means must describe the same non-zero number of classes, found counts="
              + counts.length + " means=" + means.length);
    }
    long total = 0;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < 0) {
        throw new IllegalArgumentException("counts[" + c + "] must be >= 0, found " + counts[c]);
      }
      total += counts[c];
    }
    if (total == 0) {
      throw new IllegalArgumentException("counts must contain at least one sample, found none");
    }
    int d = present(means[0], "means[0]").length;
    if (d == 0) {
      throw new IllegalArgumentException("means[0] must not be empty");
    }
    for (int c = 0; c < means.length; c++) {
      requireVector(means[c], d, "means[" + c + "]");
    }
    return d;
  }

  static double[][] copy(double[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
