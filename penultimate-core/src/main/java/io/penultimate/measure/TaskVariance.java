package io.penultimate.measure;

import io.penultimate.math.Stats;

/**
 * Task variance of a hidden node (Yang et al. 2019; paper eq. 3): TV_i = E[h_i²] − E[h_i]², the
 * population variance of the node's recorded outputs, computed around the mean for stability.
 */
public final class TaskVariance {
  private TaskVariance() {}

  /** Throws IllegalArgumentException for no values or a non-finite one. */
  public static double of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("task variance needs at least one value, found none");
    }
    Matrices.requireFinite(values, "values");
    return Stats.variance(values);
  }

  /** TV of every node; {@code hidden} has one row per sample and one column per node. */
  public static double[] perNode(double[][] hidden) {
    int width = Matrices.requireRectangular(hidden, "hidden");
    double[] tv = new double[width];
    for (int i = 0; i < width; i++) {
      tv[i] = Stats.variance(Stats.column(hidden, i));
    }
    return tv;
  }
}
