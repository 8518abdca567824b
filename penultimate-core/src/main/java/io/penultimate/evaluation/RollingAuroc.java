package io.penultimate.evaluation;

import java.util.ArrayDeque;

/**
 * Exact AUROC over the last {@code capacity} labelled observations. Each class's scores are kept in
 * order ({@link SortedDoubles}, O(log N) an update), and the Mann–Whitney sum
 *
 * <pre>U = Σ_{p positive, n negative} ( [s_p > s_n] + ½ [s_p = s_n] ),   AUROC = U / (P · N)</pre>
 *
 * is counted when read, in one pass over both orders (O(N)), doubled as a long so ties stay exact.
 * The monitor reads a window's order at every publish and its AUROC never per outcome, so keeping
 * U current as observations came and went cost two rank queries an update that no one read.
 */
public final class RollingAuroc {
  /** One labelled observation. */
  public record Observation(double score, boolean positive) {}

  private final int capacity;
  private final ArrayDeque<Observation> window;
  private final SortedDoubles positives = new SortedDoubles();
  private final SortedDoubles negatives = new SortedDoubles();

  public RollingAuroc(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be at least 1, found " + capacity);
    }
    this.capacity = capacity;
    this.window = new ArrayDeque<>(Math.min(capacity, 1 << 16));
  }

  /** Adds an observation, evicting the oldest when the window is full. NaN scores are rejected. */
  public void add(double rawScore, boolean positive) {
    if (Double.isNaN(rawScore)) {
      throw new IllegalArgumentException("score must not be NaN");
    }
    double score = rawScore + 0.0; // −0.0 + 0.0 is +0.0: the two zeros tie, as in Auroc
    if (window.size() == capacity) {
      Observation oldest = window.removeFirst();
      remove(oldest.score(), oldest.positive());
    }
    window.addLast(new Observation(score, positive));
    (positive ? positives : negatives).add(score);
  }

  /** Drops the oldest observation (for windows bounded by time as well as by count). */
  public void removeOldest() {
    Observation oldest = window.removeFirst();
    remove(oldest.score(), oldest.positive());
  }

  private void remove(double score, boolean positive) {
    (positive ? positives : negatives).remove(score);
  }

  public int size() {
    return window.size();
  }

  public int positives() {
    return positives.size();
  }

  public int negatives() {
    return negatives.size();
  }

  /** The window's AUROC, or NaN ("undefined", never 0) when it holds only one class. */
  public double auroc() {
    long pairs = (long) positives.size() * negatives.size();
    if (pairs == 0) {
      return Double.NaN;
    }
    double[] up = positives.sorted();
    double[] down = negatives.sorted();
    long doubledU = 0;
    int below = 0; // negatives under the current positive score
    for (int i = 0; i < up.length; ) {
      double score = up[i];
      int tied = 0;
      for (; i < up.length && up[i] == score; i++) {
        tied++;
      }
      while (below < down.length && down[below] < score) {
        below++;
      }
      int atMost = below;
      while (atMost < down.length && down[atMost] == score) {
        atMost++;
      }
      doubledU += tied * (2L * below + (atMost - below));
    }
    return doubledU / (2.0 * pairs);
  }

  /** The scores of the window's positives ({@code positive}) or negatives, ascending. */
  public double[] sortedScores(boolean positive) {
    return (positive ? positives : negatives).sorted();
  }

  /** The observations in the window, oldest first: what a state store persists to rebuild it. */
  public Iterable<Observation> observations() {
    return window.clone();
  }
}
