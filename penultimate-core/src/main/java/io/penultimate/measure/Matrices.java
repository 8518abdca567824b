package io.penultimate.measure;

/** Shape and value checks for the row-major matrices the measures take. */
final class Matrices {
  private Matrices() {}

  /** Requires at least one row, equally long non-empty rows and finite entries; returns the row length. */
  static int requireRectangular(double[][] m, String name) {
    if (m.length == 0 || m[0].length == 0) {
      throw new IllegalArgumentException(name + " must have at least one row and one column, found " + m.length + " rows");
    }
    for (int r = 0; r < m.length; r++) {
      if (m[r].length != m[0].length) {
        throw new IllegalArgumentException(
            name + " must be rectangular, found row 0 of length " + m[0].length + " and row " + r + " of length " + m[r].length);
      }
      requireFinite(m[r], name + " row " + r);
    }
    return m[0].length;
  }

  static void requireFinite(double[] values, String name) {
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException(name + " entry " + i + " must be finite, found " + values[i]);
      }
    }
  }
}
