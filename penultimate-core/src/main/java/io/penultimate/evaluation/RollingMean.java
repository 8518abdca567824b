package io.penultimate.evaluation;

/**
 * Mean of the last {@code capacity} values of a stream: (1/n) Σ x_i over the n ≤ capacity values
 * held. Fed with each event's calibrated P(correct), it is the estimated accuracy of
 * confidence-based performance estimation (CBPE, NannyML), which needs no labels: for calibrated
 * confidences E[1[correct]] = E[c].
 *
 * <p>A ring buffer keeps the values and a running sum is updated in O(1). Adding and subtracting
 * leaves rounding error that would otherwise grow with the length of the stream, so the sum is
 * recomputed from the buffer every {@code capacity} updates (amortised O(1)), bounding the error
 * to that of about 2·capacity additions.
 *
 * <p>Not thread-safe: one instance per stream thread, or external synchronisation.
 */
public final class RollingMean {
  private final double[] values;
  private int next;
  private int size;
  private double sum;

  public RollingMean(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("window capacity must be at least 1, found " + capacity);
    }
    this.values = new double[capacity];
  }

  /** Adds a finite value, evicting the oldest when the window is full. */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite, found " + value);
    }
    if (size == values.length) {
      sum -= values[next];
    } else {
      size++;
    }
    values[next] = value;
    sum += value;
    next = (next + 1) % values.length;
    if (next == 0) {
      resum();
    }
  }

  private void resum() {
    double exact = 0;
    for (int i = 0; i < size; i++) {
      exact += values[i];
    }
    sum = exact;
  }

  public int size() {
    return size;
  }

  /** NaN while empty. */
  public double mean() {
    return size == 0 ? Double.NaN : sum / size;
  }
}
