package io.penultimate.score;

/**
 * Deep nearest-neighbour confidence (Sun et al., ICML 2022, "Out-of-Distribution Detection with
 * Deep Nearest Neighbors"):
 *
 * <pre>
 *   z = h / ||h||,    score(h) = −||z − z_(k)||,
 * </pre>
 *
 * z_(k) the k-th nearest of the stored normalised training vectors (Euclidean distance); higher is
 * more in-distribution. The paper thresholds this negated distance. The zero vector has no
 * direction and stays zero (as PyTorch's {@code F.normalize} leaves it), at distance 1 from every
 * unit vector. The distance lies in [0, 2], so the score is in [−2, 0] and always finite.
 *
 * <p>Exact search by brute force: the stored vectors lie in one contiguous float array (the
 * precision they are stored in), each squared distance Σ_j (z_j − s_j)² is summed in float with a
 * fused multiply-add over eight independent accumulators (so the loop is not one long chain of
 * dependent additions), and a bounded max-heap keeps the k smallest squared distances; a
 * candidate's sum is abandoned once it exceeds the current k-th smallest, checked every
 * {@value #BLOCK} coordinates. Summing differences rather than expanding ||z||² + ||s||² − 2 z·s
 * (as Faiss's flat index does) avoids cancellation, so even a near-duplicate's distance keeps its
 * relative precision (about 1e-6, float rounding). The cost is at most n·d multiply-adds for n
 * stored vectors of length d.
 *
 * <p>Inputs must be finite and d long (IllegalArgumentException otherwise). Immutable and
 * thread-safe: every call works in its own heap array.
 */
public final class KnnScore {
  /** Coordinates summed between two checks against the current k-th distance; a multiple of 8. */
  static final int BLOCK = 64;

  private final int k;
  private final int n;
  private final int d;
  private final float[] data;

  public KnnScore(KnnModel model) {
    k = model.k();
    n = model.size();
    d = model.dimension();
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " vectors of length " + d + " exceed one array; store fewer (a smaller cap)");
    }
    data = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.row(i), 0, data, i * d, d);
    }
  }

  /** −||z − z_(k)||, in [−2, 0]. */
  public double score(double[] h) {
    return -Math.sqrt(kthSquaredDistance(h));
  }

  /** ||z − z_(k)||², the squared distance from the normalised h to its k-th nearest stored vector. */
  public double kthSquaredDistance(double[] h) {
    Checks.requireVector(h, d, "h");
    float[] z = normalise(h);
    // max-heap of the k smallest squared distances so far; heap[0] is the largest of them
    float[] heap = new float[k];
    int size = 0;
    for (int i = 0; i < n; i++) {
      float bound = size == k ? heap[0] : Float.POSITIVE_INFINITY;
      float distance = squaredDistance(z, i * d, bound);
      if (size < k) {
        siftUp(heap, size++, distance);
      } else if (distance < heap[0]) {
        siftDown(heap, k, distance);
      }
    }
    return heap[0];
  }

  /**
   * Σ_j (z_j − s_j)² for the stored vector s starting at {@code offset}; once a partial sum exceeds
   * {@code bound} the rest is skipped and the partial sum (already too large) is returned.
   */
  private float squaredDistance(float[] z, int offset, float bound) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int j = 0;
    while (j + 7 < d) {
      int end = Math.min(d - 7, j + BLOCK);
      for (; j < end; j += 8) {
        int o = offset + j;
        float a0 = z[j] - data[o];
        float a1 = z[j + 1] - data[o + 1];
        float a2 = z[j + 2] - data[o + 2];
        float a3 = z[j + 3] - data[o + 3];
        float a4 = z[j + 4] - data[o + 4];
        float a5 = z[j + 5] - data[o + 5];
        float a6 = z[j + 6] - data[o + 6];
        float a7 = z[j + 7] - data[o + 7];
        s0 = Math.fma(a0, a0, s0);
        s1 = Math.fma(a1, a1, s1);
        s2 = Math.fma(a2, a2, s2);
        s3 = Math.fma(a3, a3, s3);
        s4 = Math.fma(a4, a4, s4);
        s5 = Math.fma(a5, a5, s5);
        s6 = Math.fma(a6, a6, s6);
        s7 = Math.fma(a7, a7, s7);
      }
      if (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) > bound) {
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
      }
    }
    for (; j < d; j++) {
      float a = z[j] - data[offset + j];
      s0 = Math.fma(a, a, s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  private static void siftUp(float[] heap, int index, float value) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (heap[parent] >= value) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = value;
  }

  /** Replaces the root of a full heap of {@code size} with a smaller value and restores the order. */
  private static void siftDown(float[] heap, int size, float value) {
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && heap[child + 1] > heap[child]) {
        child++;
      }
      if (heap[child] <= value) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = value;
  }

  public int dimension() {
    return d;
  }

  /** h / ||h|| rounded to float, zero for the zero vector; used to store fitting vectors. */
  static float[] normalise(double[] h) {
    double[] z = normaliseToDouble(h);
    float[] out = new float[z.length];
    for (int j = 0; j < z.length; j++) {
      out[j] = (float) z[j];
    }
    return out;
  }

  /**
   * h / ||h||, computed as (h/s) / ||h/s|| with s = max_j |h_j| so that squaring neither overflows
   * nor underflows; the zero vector stays zero.
   */
  static double[] normaliseToDouble(double[] h) {
    double scale = 0;
    for (double v : h) {
      scale = Math.max(scale, Math.abs(v));
    }
    double[] z = new double[h.length];
    if (scale == 0) {
      return z;
    }
    double squared = 0;
    for (int j = 0; j < h.length; j++) {
      z[j] = h[j] / scale;
      squared += z[j] * z[j];
    }
    double norm = Math.sqrt(squared);
    for (int j = 0; j < h.length; j++) {
      z[j] /= norm;
    }
    return z;
  }
}
