package io.penultimate.evaluation;

import java.util.Arrays;

/**
 * A sample of {@code count} scores as at most a fixed number of equal-mass points: the sample
 * itself while it is small enough, else its values at the middle ranks of equal rank buckets,
 * {@code points[i]} = v_{⌊(i + ½)·n/m⌋} of the ascending values v, each standing for n/m scores.
 *
 * <p>Sketches of disjoint samples merge by pooling their weighted points ({@link MergedQuality}).
 * The Mann–Whitney count of a value against one sketch is then off by at most half a bucket,
 * n/(2m): the AUROC of the union of compressed samples is within 1/(2m) per compressed class, so
 * within 1/m in all (1/256 for m = 256), and exact while both classes fit.
 */
public record RankSketch(int count, double[] points) {
  public RankSketch {
    if (count < points.length || (count > 0) != (points.length > 0)) {
      throw new IllegalArgumentException("a sketch of " + count + " scores cannot have " + points.length + " points");
    }
    for (int i = 0; i < points.length; i++) {
      if (Double.isNaN(points[i]) || (i > 0 && points[i] < points[i - 1])) {
        throw new IllegalArgumentException("sketch points must be ascending and not NaN, found " + points[i] + " at " + i);
      }
    }
    points = points.clone();
  }

  /** The sketch of ascending {@code sorted} values with at most {@code maxPoints} points. */
  public static RankSketch of(double[] sorted, int maxPoints) {
    if (maxPoints < 1) {
      throw new IllegalArgumentException("a sketch needs at least 1 point, found " + maxPoints);
    }
    int n = sorted.length;
    if (n <= maxPoints) {
      return new RankSketch(n, sorted);
    }
    double[] points = new double[maxPoints];
    for (int i = 0; i < maxPoints; i++) {
      points[i] = sorted[(int) ((i + 0.5) * n / maxPoints)];
    }
    return new RankSketch(n, points);
  }

  /** How many scores each point stands for. */
  public double weight() {
    return points.length == 0 ? 0 : (double) count / points.length;
  }

  @Override
  public double[] points() {
    return points.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RankSketch that && count == that.count && Arrays.equals(points, that.points);
  }

  @Override
  public int hashCode() {
    return 31 * count + Arrays.hashCode(points);
  }

  @Override
  public String toString() {
    return "RankSketch[count=" + count + ", points=" + points.length + "]";
  }
}
