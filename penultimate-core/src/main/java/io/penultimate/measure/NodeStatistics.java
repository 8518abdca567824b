package io.penultimate.measure;

import io.penultimate.math.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Summary of one hidden node over the recorded samples: its mean output, its task variance (paper
 * eq. 3) and the share of outputs in the saturation band, i.e. below {@code low} or above
 * {@code high}. The paper reports ~97% of sigmoid outputs in [0, 0.1] ∪ [0.9, 1] for its MNIST MLP
 * ({@link #PAPER_LOW}, {@link #PAPER_HIGH}); the bounds themselves count as not saturated. The
 * decile {@code bins} are the reference against which live drift is measured.
 */
public record NodeStatistics(int node, double mean, double taskVariance, double saturationShare, NodeBins bins) {

  public static final double PAPER_LOW = 0.1;
  public static final double PAPER_HIGH = 0.9;

  /** One entry per column of {@code hidden} (rows = samples, columns = nodes). */
  public static List<NodeStatistics> of(double[][] hidden, double low, double high) {
    if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("saturation band needs finite low <= high, found low=" + low + " high=" + high);
    }
    int width = Matrices.requireRectangular(hidden, "hidden");
    List<NodeStatistics> out = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      double[] values = Stats.column(hidden, i);
      int saturated = 0;
      for (double v : values) {
        saturated += v < low || v > high ? 1 : 0;
      }
      out.add(new NodeStatistics(
          i, Stats.mean(values), Stats.variance(values), (double) saturated / values.length, NodeBins.deciles(values)));
    }
    return List.copyOf(out);
  }
}
