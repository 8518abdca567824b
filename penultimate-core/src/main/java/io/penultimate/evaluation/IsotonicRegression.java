package io.penultimate.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Weighted isotonic regression by pool-adjacent-violators (Ayer et al. 1955; Barlow et al. 1972):
 * the non-decreasing f minimising Σ_i w_i (y_i − f(x_i))². Used to recalibrate a confidence score
 * into a probability of being correct (Zadrozny &amp; Elkan 2002).
 *
 * <p>Ties in x are pooled first (one weighted mean per distinct x, as in scikit-learn), then
 * adjacent blocks are merged while the left one's mean is ≥ the right one's, so the fitted block
 * values increase strictly. Block values are weighted means of y, clamped to [min y, max y] so that
 * rounding cannot leave that range.
 */
public final class IsotonicRegression {
  private IsotonicRegression() {}

  /** Fits P(correct | x): {@code y} true counts as 1, false as 0. */
  public static IsotonicMap fit(double[] x, boolean[] y) {
    double[] values = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      values[i] = y[i] ? 1 : 0;
    }
    return fit(x, values);
  }

  public static IsotonicMap fit(double[] x, double[] y) {
    double[] weights = new double[y.length];
    Arrays.fill(weights, 1);
    return fit(x, y, weights);
  }

  /** Throws IllegalArgumentException for unequal lengths, no points, non-finite x or y, or a weight that is not positive and finite. */
  public static IsotonicMap fit(double[] x, double[] y, double[] weights) {
    if (x.length == 0 || x.length != y.length || x.length != weights.length) {
      throw new IllegalArgumentException(
          "x, y and weights must be non-empty and equally long, found " + x.length + ", " + y.length + ", " + weights.length);
    }
    Checks.finite(x, "x", false);
    Checks.finite(y, "y", false);
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " must be positive and finite, found " + weights[i]);
      }
    }
    List<Block> blocks = new ArrayList<>();
    for (Block point : pooledTies(x, y, weights)) {
      Block current = point;
      while (!blocks.isEmpty() && blocks.get(blocks.size() - 1).mean() >= current.mean()) {
        current = blocks.remove(blocks.size() - 1).merge(current);
      }
      blocks.add(current);
    }
    return toMap(blocks, Arrays.stream(y).min().orElseThrow(), Arrays.stream(y).max().orElseThrow());
  }

  /** One block per distinct x, in increasing x, holding the weighted sum of y at that x. */
  private static List<Block> pooledTies(double[] x, double[] y, double[] weights) {
    int[] order = IntStream.range(0, x.length)
        .boxed()
        .sorted(Comparator.comparingDouble(i -> x[i]))
        .mapToInt(Integer::intValue)
        .toArray();
    List<Block> points = new ArrayList<>();
    for (int i : order) {
      double xi = x[i] + 0.0; // -0.0 and +0.0 are the same x
      Block point = new Block(xi, xi, weights[i] * y[i], weights[i]);
      int last = points.size() - 1;
      if (last >= 0 && points.get(last).lastX() == xi) {
        points.set(last, points.get(last).merge(point));
      } else {
        points.add(point);
      }
    }
    return points;
  }

  private static IsotonicMap toMap(List<Block> blocks, double minY, double maxY) {
    double[] xs = new double[2 * blocks.size()];
    double[] ys = new double[2 * blocks.size()];
    int k = 0;
    for (Block block : blocks) {
      double value = Math.min(maxY, Math.max(minY, block.mean()));
      xs[k] = block.firstX();
      ys[k++] = value;
      if (block.lastX() > block.firstX()) {
        xs[k] = block.lastX();
        ys[k++] = value;
      }
    }
    return new IsotonicMap(Arrays.copyOf(xs, k), Arrays.copyOf(ys, k));
  }

  /** A run of adjacent distinct x values fitted with one value, the weighted mean of their y. */
  private record Block(double firstX, double lastX, double weightedSum, double weight) {
    double mean() {
      return weightedSum / weight;
    }

    Block merge(Block right) {
      return new Block(firstX, right.lastX, weightedSum + right.weightedSum, weight + right.weight);
    }
  }
}
