package io.penultimate.measure;

import java.util.Arrays;

/**
 * A node's training distribution summarised for drift monitoring: bins bounded above by the
 * training deciles (duplicates merged, so a ReLU node whose lower half is exactly 0 gets one bin
 * for the zeros) and the share of training outputs in each bin. Bin i holds values v with
 * upperEdges[i-1] < v <= upperEdges[i]; the last bin is open above.
 */
public record NodeBins(double[] upperEdges, double[] shares) {
  public NodeBins {
    if (shares.length != upperEdges.length + 1) {
      throw new IllegalArgumentException("need one share per bin (" + (upperEdges.length + 1) + "), found " + shares.length);
    }
    upperEdges = upperEdges.clone();
    shares = shares.clone();
  }

  /** Decile bins of the values, which must be finite and non-empty. */
  public static NodeBins deciles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] edges = new double[9];
    int distinct = 0;
    for (int d = 1; d <= 9; d++) {
      double edge = sorted[Math.min(sorted.length - 1, (int) Math.ceil(d * sorted.length / 10.0) - 1)];
      if (distinct == 0 || edge > edges[distinct - 1]) {
        edges[distinct++] = edge;
      }
    }
    // a top edge equal to the maximum would leave the open bin empty in training
    if (distinct > 0 && edges[distinct - 1] >= sorted[sorted.length - 1]) {
      distinct--;
    }
    double[] upper = Arrays.copyOf(edges, distinct);
    int[] counts = new int[distinct + 1];
    for (double v : sorted) {
      counts[bin(upper, v)]++;
    }
    double[] shares = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      shares[i] = (double) counts[i] / sorted.length;
    }
    return new NodeBins(upper, shares);
  }

  public int bins() {
    return shares.length;
  }

  /** The bin holding v. */
  public int bin(double v) {
    return bin(upperEdges, v);
  }

  private static int bin(double[] upper, double v) {
    int i = Arrays.binarySearch(upper, v);
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeBins other && Arrays.equals(upperEdges, other.upperEdges) && Arrays.equals(shares, other.shares);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(upperEdges) + Arrays.hashCode(shares);
  }

  @Override
  public String toString() {
    return "NodeBins" + Arrays.toString(upperEdges) + Arrays.toString(shares);
  }
}
