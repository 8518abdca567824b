package io.penultimate.evaluation;

import java.util.ArrayDeque;

/**
 * Exact AUROC over the last {@code capacity} labelled observations, updated in O(log N) per
 * observation. It keeps the Mann–Whitney sum
 *
 * <pre>U = Σ_{p positive, n negative} ( [s_p > s_n] + ½ [s_p = s_n] ),   AUROC = U / (P · N)</pre>
 *
 * current as observations enter and leave the window: adding a positive with score s adds
 * #{negatives below s} + ½ #{negatives equal to s}; adding a negative adds #{positives above s}
 * + ½ #{positives equal}; removal subtracts the same terms. The counts come from one {@link
 * RankedMultiset} per class. U is kept doubled, as a long, so ties stay exact.
 */
public final class RollingAuroc {
  /** One labelled observation. */
  public record Observation(double score, boolean positive) {}

  private final int capacity;
  private final ArrayDeque<Observation> window;
  private final RankedMultiset positives = new RankedMultiset();
  private final RankedMultiset negatives = new RankedMultiset();
  private long doubledU;

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
    if (positive) {
      doubledU += negatives.doubledRank(score);
      positives.add(score);
    } else {
      doubledU += doubledRankFromAbove(positives, score);
      negatives.add(score);
    }
  }

  /** Drops the oldest observation (for windows bounded by time as well as by count). */
  public void removeOldest() {
    Observation oldest = window.removeFirst();
    remove(oldest.score(), oldest.positive());
  }

  private void remove(double score, boolean positive) {
    if (positive) {
      positives.remove(score);
      doubledU -= negatives.doubledRank(score);
    } else {
      negatives.remove(score);
      doubledU -= doubledRankFromAbove(positives, score);
    }
  }

  /** 2 · #{values > s} + #{values = s} = 2n − (2 · #{values < s} + #{values = s}). */
  private static long doubledRankFromAbove(RankedMultiset tree, double score) {
    return 2L * tree.size() - tree.doubledRank(score);
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
    return pairs == 0 ? Double.NaN : doubledU / (2.0 * pairs);
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
