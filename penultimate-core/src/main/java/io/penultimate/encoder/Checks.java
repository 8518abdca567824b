package io.penultimate.encoder;

/** Argument checks shared by the artifacts; each message names what was found and what was expected. */
final class Checks {
  private Checks() {}

  static void shape(int numClasses, int width) {
    if (numClasses < 1 || width < 1) {
      throw new IllegalArgumentException(
          "numClasses and width must be at least 1, found numClasses=" + numClasses + " width=" + width);
    }
  }

  /** A missing field of a loaded artifact arrives as null: say which one, not a NullPointerException. */
  static <T> T present(String name, T value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    return value;
  }

  static void length(String name, double[] array, int expected) {
    present(name, array);
    if (array.length != expected) {
      throw new IllegalArgumentException(name + " has length " + array.length + ", expected " + expected);
    }
  }

  /** Every entry finite and strictly inside (low, high). */
  static void openInterval(String name, double[] array, double low, double high) {
    for (int i = 0; i < array.length; i++) {
      if (!(array[i] > low && array[i] < high)) {
        throw new IllegalArgumentException(
            name + "[" + i + "] must lie in (" + low + ", " + high + "), found " + array[i]);
      }
    }
  }

  /** The Beta clamp ε: positive and below ½ so that [ε, 1 − ε] is a non-empty interval. */
  static void epsilon(double epsilon) {
    if (!(epsilon > 0 && epsilon < 0.5)) {
      throw new IllegalArgumentException("epsilon must lie in (0, 0.5), found " + epsilon);
    }
  }

  static void cls(int cls, int numClasses) {
    if (cls < 0 || cls >= numClasses) {
      throw new IllegalArgumentException("class must lie in [0, " + numClasses + "), found " + cls);
    }
  }

  static void node(int node, int width) {
    if (node < 0 || node >= width) {
      throw new IllegalArgumentException("node must lie in [0, " + width + "), found " + node);
    }
  }

  /** Index of the (class, node) pair in the flat class-major tables. */
  static int slot(int cls, int node, int numClasses, int width) {
    cls(cls, numClasses);
    node(node, width);
    return cls * width + node;
  }

  static void hidden(double[] hidden, int width) {
    if (hidden.length != width) {
      throw new IllegalArgumentException("hidden vector has length " + hidden.length + ", expected width " + width);
    }
  }
}
