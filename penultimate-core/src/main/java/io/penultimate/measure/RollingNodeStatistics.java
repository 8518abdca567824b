package io.penultimate.measure;

import java.util.List;

/**
 * Per-node statistics of the hidden layer over the last {@code capacity} observed vectors, each
 * updated in O(width) per vector: mean activation, task variance, saturation share, mean
 * log-density under the predicted class, and drift (population stability index) against the
 * training bins. Not thread-safe; callers synchronise.
 *
 * <p>Means and variances come from running sums, which pick up rounding error over very long
 * runs; variance is clamped at 0 so that error never shows as a negative value.
 */
public final class RollingNodeStatistics {
  private final int capacity;
  private final int width;
  private final double low;
  private final double high;
  private final List<NodeBins> reference;
  private final double[][] hidden;
  private final double[][] logDensity;
  private final double[] sum;
  private final double[] sumOfSquares;
  private final double[] sumOfLogDensity;
  private final int[] saturated;
  private final int[][] binCounts;
  private int size;
  private int oldest;

  /** {@code training} gives the width and, per node, the reference bins. */
  public RollingNodeStatistics(List<NodeStatistics> training, int capacity, double low, double high) {
    if (capacity < 1 || training.isEmpty()) {
      throw new IllegalArgumentException("need capacity >= 1 and at least one node, found " + capacity + " and " + training.size());
    }
    this.capacity = capacity;
    this.width = training.size();
    this.low = low;
    this.high = high;
    this.reference = training.stream().map(NodeStatistics::bins).toList();
    this.hidden = new double[capacity][];
    this.logDensity = new double[capacity][];
    this.sum = new double[width];
    this.sumOfSquares = new double[width];
    this.sumOfLogDensity = new double[width];
    this.saturated = new int[width];
    this.binCounts = new int[width][];
    for (int i = 0; i < width; i++) {
      binCounts[i] = new int[reference.get(i).bins()];
    }
  }

  /** Adds one vector with its per-node log-densities, evicting the oldest when full. */
  public void add(double[] values, double[] logDensities) {
    if (values.length != width || logDensities.length != width) {
      throw new IllegalArgumentException("expected " + width + " nodes, found " + values.length + " and " + logDensities.length);
    }
    int slot;
    if (size == capacity) {
      slot = oldest;
      update(hidden[slot], logDensity[slot], -1);
      oldest = (oldest + 1) % capacity;
    } else {
      slot = (oldest + size) % capacity;
      size++;
    }
    hidden[slot] = values.clone();
    logDensity[slot] = logDensities.clone();
    update(hidden[slot], logDensity[slot], 1);
  }

  private void update(double[] values, double[] logDensities, int sign) {
    for (int i = 0; i < width; i++) {
      double v = values[i];
      sum[i] += sign * v;
      sumOfSquares[i] += sign * v * v;
      sumOfLogDensity[i] += sign * logDensities[i];
      saturated[i] += v < low || v > high ? sign : 0;
      binCounts[i][reference.get(i).bin(v)] += sign;
    }
  }

  public int size() {
    return size;
  }

  public int width() {
    return width;
  }

  /** NaN for all per-node statistics while the window is empty. */
  public double mean(int node) {
    return size == 0 ? Double.NaN : sum[node] / size;
  }

  public double taskVariance(int node) {
    if (size == 0) {
      return Double.NaN;
    }
    double mean = sum[node] / size;
    return Math.max(0, sumOfSquares[node] / size - mean * mean);
  }

  public double saturationShare(int node) {
    return size == 0 ? Double.NaN : (double) saturated[node] / size;
  }

  public double meanLogDensity(int node) {
    return size == 0 ? Double.NaN : sumOfLogDensity[node] / size;
  }

  public double drift(int node) {
    return PopulationStability.index(reference.get(node).shares(), binCounts[node]);
  }
}
