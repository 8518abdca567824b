package io.penultimate.measure;

import io.penultimate.math.Stats;

/**
 * Pearson correlations across hidden nodes between mutual information, task variance and hidden
 * bias (paper section 2.2, table 2). A correlation with a constant column is reported as 0.
 */
public record PearsonTable(double miTv, double miBias, double tvBias) {

  /** Each array holds one value per node, in the same node order. */
  public static PearsonTable of(double[] mi, double[] tv, double[] bias) {
    if (mi.length != tv.length || mi.length != bias.length) {
      throw new IllegalArgumentException(
          "need one value per node in each column, found mi=" + mi.length + " tv=" + tv.length + " bias=" + bias.length);
    }
    requireNodes(mi, tv);
    Matrices.requireFinite(bias, "bias");
    return new PearsonTable(Stats.pearson(mi, tv), Stats.pearson(mi, bias), Stats.pearson(tv, bias));
  }

  /**
   * The table of a layer without a hidden bias (one the output layer does not read, so eq. 4 does
   * not apply): the correlations with the bias are NaN.
   */
  public static PearsonTable withoutBias(double[] mi, double[] tv) {
    if (mi.length != tv.length) {
      throw new IllegalArgumentException("need one value per node in each column, found mi=" + mi.length + " tv=" + tv.length);
    }
    requireNodes(mi, tv);
    return new PearsonTable(Stats.pearson(mi, tv), Double.NaN, Double.NaN);
  }

  private static void requireNodes(double[] mi, double[] tv) {
    if (mi.length < 2) {
      throw new IllegalArgumentException("a correlation needs at least 2 nodes, found " + mi.length);
    }
    Matrices.requireFinite(mi, "mi");
    Matrices.requireFinite(tv, "tv");
  }
}
