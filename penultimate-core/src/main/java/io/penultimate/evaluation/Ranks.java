package io.penultimate.evaluation;

import java.util.Arrays;

/** Midranks: tied values share the average of the ranks they occupy (the Mann–Whitney convention). */
public final class Ranks {
  private Ranks() {}

  /**
   * 1-based midranks of {@code x} in O(n log n): a value with {@code below} smaller and {@code upTo}
   * smaller-or-equal values occupies ranks below+1 .. upTo, whose mean is (below + 1 + upTo) / 2.
   * NaN must be excluded by the caller; -0.0 and +0.0 tie.
   */
  static double[] midranks(double[] x) {
    double[] sorted = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      sorted[i] = x[i] + 0.0;
    }
    Arrays.sort(sorted);
    double[] ranks = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = x[i] + 0.0;
      ranks[i] = (countBelow(sorted, v) + 1 + countUpTo(sorted, v)) / 2.0;
    }
    return ranks;
  }

  /** Number of entries of ascending {@code sorted} strictly below {@code v}. */
  static int countBelow(double[] sorted, double v) {
    return countBelow(sorted, sorted.length, v);
  }

  /** Number of the first {@code length} entries of ascending {@code sorted} strictly below {@code v}, by bisection. */
  static int countBelow(double[] sorted, int length, double v) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Number of entries of ascending {@code sorted} at most {@code v}, by binary search. */
  public static int countUpTo(double[] sorted, double v) {
    return countUpTo(sorted, sorted.length, v);
  }

  /** Number of the first {@code length} entries of ascending {@code sorted} at most {@code v}, by bisection. */
  static int countUpTo(double[] sorted, int length, double v) {
    int lo = 0;
    int hi = length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
