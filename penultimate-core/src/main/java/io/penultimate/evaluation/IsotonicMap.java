package io.penultimate.evaluation;

import java.util.Arrays;

/**
 * A fitted isotonic (non-decreasing) map, as produced by {@link IsotonicRegression}: the points
 * (xs[k], ys[k]) with xs strictly increasing and ys non-decreasing, every value finite. Each pooled
 * block of the fit contributes its first and last x (one point if it spans a single x).
 *
 * <p>{@link #apply} interpolates linearly between neighbouring points and is constant beyond the
 * ends, so its output stays within [ys[0], ys[last]]. NaN maps to the lowest value ys[0]: an input
 * that cannot be placed is treated as the least confident. The record serialises with Jackson as
 * {@code {"xs":[...],"ys":[...]}} and the constructor re-checks every invariant on the way back in.
 */
public record IsotonicMap(double[] xs, double[] ys) {

  public IsotonicMap {
    if (xs.length == 0 || xs.length != ys.length) {
      throw new IllegalArgumentException(
          "xs and ys must be non-empty and equally long, found " + xs.length + " and " + ys.length);
    }
    for (int k = 0; k < xs.length; k++) {
      if (!Double.isFinite(xs[k]) || !Double.isFinite(ys[k])) {
        throw new IllegalArgumentException("point " + k + " must be finite, found (" + xs[k] + ", " + ys[k] + ")");
      }
      if (k > 0 && !(xs[k] > xs[k - 1])) {
        throw new IllegalArgumentException(
            "xs must increase strictly, found xs[" + (k - 1) + "]=" + xs[k - 1] + " then xs[" + k + "]=" + xs[k]);
      }
      if (k > 0 && ys[k] < ys[k - 1]) {
        throw new IllegalArgumentException(
            "ys must not decrease, found ys[" + (k - 1) + "]=" + ys[k - 1] + " then ys[" + k + "]=" + ys[k]);
      }
    }
    xs = xs.clone();
    ys = ys.clone();
  }

  public double apply(double x) {
    int last = xs.length - 1;
    if (Double.isNaN(x) || x <= xs[0]) {
      return ys[0];
    }
    if (x >= xs[last]) {
      return ys[last];
    }
    int found = Arrays.binarySearch(xs, x);
    if (found >= 0) {
      return ys[found];
    }
    int right = -found - 1;
    int left = right - 1;
    double t = (x - xs[left]) / (xs[right] - xs[left]);
    // Rounding must not carry the value past the right neighbour.
    return Math.min(ys[right], ys[left] + t * (ys[right] - ys[left]));
  }

  @Override
  public double[] xs() {
    return xs.clone();
  }

  @Override
  public double[] ys() {
    return ys.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IsotonicMap m && Arrays.equals(xs, m.xs) && Arrays.equals(ys, m.ys);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(xs) + Arrays.hashCode(ys);
  }

  @Override
  public String toString() {
    return "IsotonicMap[xs=" + Arrays.toString(xs) + ", ys=" + Arrays.toString(ys) + "]";
  }
}
