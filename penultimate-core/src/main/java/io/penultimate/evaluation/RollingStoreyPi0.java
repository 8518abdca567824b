package io.penultimate.evaluation;

/**
 * {@link StoreyPi0 Storey's π̂₀} at a fixed λ over the last {@code capacity} p-values of a stream:
 * π̂₀ = min(1, #{p > λ} / (n (1 − λ))) with n ≤ capacity the p-values held, and the estimated OOD
 * share 1 − π̂₀. A ring buffer remembers, per p-value, only whether it lies above λ, and the count is
 * kept exactly as an integer, so an update is O(1) and never drifts. The window size trades
 * reaction time for noise: the estimate's standard error is about √(q(1 − q)/n) / (1 − λ), with q
 * the share above λ (0.014 at n = 5,000, λ = 1/2 and an OOD share of 20%).
 *
 * <p>Not thread-safe: one instance per stream thread, or external synchronisation.
 */
public final class RollingStoreyPi0 {
  private final double lambda;
  private final boolean[] above;
  private int next;
  private int size;
  private int aboveCount;

  public RollingStoreyPi0(int capacity, double lambda) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be at least 1, found " + capacity);
    }
    StoreyPi0.checkLambda(lambda);
    this.lambda = lambda;
    this.above = new boolean[capacity];
  }

  /** Adds a p-value in [0, 1], evicting the oldest when the window is full. */
  public void add(double pValue) {
    if (!(pValue >= 0 && pValue <= 1)) {
      throw new IllegalArgumentException("p-value must be in [0, 1], found " + pValue);
    }
    if (size == above.length) {
      aboveCount -= above[next] ? 1 : 0;
    } else {
      size++;
    }
    above[next] = pValue > lambda;
    aboveCount += above[next] ? 1 : 0;
    next = (next + 1) % above.length;
  }

  public int size() {
    return size;
  }

  public double lambda() {
    return lambda;
  }

  /** NaN while empty. */
  public double pi0() {
    return size == 0 ? Double.NaN : StoreyPi0.fromCount(aboveCount, size, lambda);
  }

  /** 1 − π̂₀: the estimated share of out-of-distribution inputs; NaN while empty. */
  public double oodShare() {
    return 1 - pi0();
  }
}
