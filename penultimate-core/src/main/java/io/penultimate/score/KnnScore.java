package io.penultimate.score;

import io.penultimate.math.DotProducts;
import io.penultimate.math.Permutation;
import io.penultimate.math.PlainDotProducts;
import java.util.Random;

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
 * <p>Exact search by brute force, in two steps. The k nearest are chosen by the expansion
 * ||z||² + ||s||² − 2 z·s, whose dot products for a batch of samples and every stored vector are
 * one matrix product ({@link DotProducts}: the cost, n·d multiply-adds per sample, runs at BLAS
 * speed instead of one scalar loop per pair). The expansion's rounding is about 1e-6 absolute, under
 * 1e-4 of any k-th squared distance above {@value #EXACT_BELOW}. Below that (near-duplicates, common
 * in saturated layers) it would cancel, so the distances of the k chosen are summed again as
 * Σ_j (z_j − s_j)², which keeps their relative precision (about 1e-6, float rounding), and the
 * result is the largest of those (only the rows whose expansion lies within three rounding bounds
 * of the largest are summed again: no other can be the largest, and the saturated layers that
 * take this path would otherwise pay k scattered reads of d floats per sample); it differs from
 * sorting every difference-summed distance only when two lie within the expansion's rounding of
 * each other at rank k, and then by less than that.
 * Not summing again above the bound saves k scattered reads of d stored floats per sample, which
 * cost more than the matrix product (bench/jmh KnnBenchmark). Choosing the k is a heap over the
 * few rows under a bound that one branch-free pass finds ({@link #largestGroupMinimum}), not over
 * all n: a heap's replacements mispredict their branches and cost more than the product at small d.
 *
 * <p>Inputs must be finite and d long (IllegalArgumentException otherwise). Immutable and
 * thread-safe when its {@link DotProducts} is.
 */
public final class KnnScore {
  /**
   * Samples per matrix product. A BLAS product packs the stored matrix once per call, which a
   * single sample pays alone (about 190 µs at 5,000 × 100); 256 rows amortise that and hold 5 MB of
   * products at n = 5,000.
   */
  static final int CHUNK = 256;

  /** The k-th squared distance below which the k chosen are measured again from differences. */
  static final float EXACT_BELOW = 1e-2f;

  /** Seeds the order the stored vectors are kept in, so that scores do not vary between runs. */
  private static final long ROW_ORDER_SEED = 0x6b6e6eL;

  private final int k;
  private final int n;
  private final int d;
  private final float[] data;
  /** ||s_i||², 1 or 0 within float rounding; kept rather than assumed so a stored zero vector is right. */
  private final float[] squaredNorms;
  private final DotProducts.StoredRows stored;
  /**
   * A bound on |expansion − Σ (z_j − s_j)²| for vectors of norm at most 1: the three float sums of
   * d products err by at most d·2⁻²⁴ each (the dot product's by Cauchy-Schwarz), the two products
   * by twice that, and the final additions by a few units of 2⁻²⁴ on values of at most 4.
   */
  private final float expansionError;

  /** Multiplies in plain Java. */
  public KnnScore(KnnModel model) {
    this(model, PlainDotProducts.INSTANCE);
  }

  public KnnScore(KnnModel model, DotProducts products) {
    k = model.k();
    n = model.size();
    d = model.dimension();
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " vectors of length " + d + " exceed one array; store fewer (a smaller cap)");
    }
    data = new float[n * d];
    squaredNorms = new float[n];
    int[] order = shuffledRows(n);
    for (int i = 0; i < n; i++) {
      float[] row = model.row(order[i]);
      System.arraycopy(row, 0, data, i * d, d);
      double squared = 0;
      for (float v : row) {
        squared += (double) v * v;
      }
      squaredNorms[i] = (float) squared;
    }
    stored = products.store(data, n, d);
    expansionError = 4 * (d + 8) * 0x1p-24f;
  }

  /** −||z − z_(k)||, in [−2, 0]. */
  public double score(double[] h) {
    return scores(new double[][] {h})[0];
  }

  /** {@link #score} of every row, with one matrix product per {@value #CHUNK} rows. */
  public double[] scores(double[][] hidden) {
    double[] out = kthSquaredDistances(hidden);
    for (int i = 0; i < out.length; i++) {
      out[i] = -Math.sqrt(out[i]);
    }
    return out;
  }

  /** ||z − z_(k)||² of every row: the squared distance from its normalised vector to its k-th nearest stored vector. */
  public double[] kthSquaredDistances(double[][] hidden) {
    for (int i = 0; i < hidden.length; i++) {
      Checks.requireVector(hidden[i], d, hidden.length == 1 ? "h" : "h[" + i + "]");
    }
    double[] out = new double[hidden.length];
    for (int from = 0; from < hidden.length; from += CHUNK) {
      int count = Math.min(CHUNK, hidden.length - from);
      float[] queries = new float[count * d];
      for (int q = 0; q < count; q++) {
        System.arraycopy(normalise(hidden[from + q]), 0, queries, q * d, d);
      }
      float[] products = stored.times(queries, count);
      for (int q = 0; q < count; q++) {
        out[from + q] = kthSquaredDistance(queries, q * d, products, q * n);
      }
    }
    return out;
  }

  private double kthSquaredDistance(float[] queries, int offset, float[] products, int productOffset) {
    float zz = 0;
    for (int j = 0; j < d; j++) {
      zz = Math.fma(queries[offset + j], queries[offset + j], zz);
    }
    // every expanded distance, in place of its product
    for (int i = 0; i < n; i++) {
      products[productOffset + i] = zz + squaredNorms[i] - 2 * products[productOffset + i];
    }
    float bound = largestGroupMinimum(products, productOffset);
    // a max-heap of the k smallest of the few rows within the bound; heap[0] is the largest
    float[] heap = new float[k];
    int[] rows = new int[k];
    int size = 0;
    for (int i = 0; i < n; i++) {
      float distance = products[productOffset + i];
      if (distance > bound) {
        continue;
      }
      if (size < k) {
        siftUp(heap, rows, size++, distance, i);
      } else if (distance < heap[0]) {
        siftDown(heap, rows, k, distance, i);
      }
    }
    if (heap[0] >= EXACT_BELOW) {
      return heap[0];
    }
    // only a row whose expansion lies within its rounding of the largest can be the largest
    float candidates = heap[0] - 3 * expansionError;
    float kth = 0;
    for (int i = 0; i < k; i++) {
      if (heap[i] >= candidates) {
        kth = Math.max(kth, squaredDistance(queries, offset, rows[i] * d));
      }
    }
    return kth;
  }

  /**
   * The largest of the minima of k groups of consecutive distances: k rows lie at or under it, so it
   * bounds the k-th smallest from above. The rows are kept in random order ({@link #shuffledRows}),
   * so each group is a random sample of the whole set and the bound lies near the k-th smallest: on
   * the paper MLP about 200 of 5,000 rows pass it, where a heap over all would take some 400
   * replacements. Four running minima per group, so that the comparisons do not wait on each other.
   */
  private float largestGroupMinimum(float[] distances, int offset) {
    float bound = Float.NEGATIVE_INFINITY;
    int from = offset;
    for (int g = 1; g <= k; g++) {
      int to = offset + (int) ((long) n * g / k);
      float m0 = Float.POSITIVE_INFINITY;
      float m1 = m0;
      float m2 = m0;
      float m3 = m0;
      int i = from;
      for (; i + 3 < to; i += 4) {
        m0 = Math.min(m0, distances[i]);
        m1 = Math.min(m1, distances[i + 1]);
        m2 = Math.min(m2, distances[i + 2]);
        m3 = Math.min(m3, distances[i + 3]);
      }
      for (; i < to; i++) {
        m0 = Math.min(m0, distances[i]);
      }
      bound = Math.max(bound, Math.min(Math.min(m0, m1), Math.min(m2, m3)));
      from = to;
    }
    return bound;
  }

  /** Σ_j (z_j − s_j)² for the query at {@code offset} and the stored vector at {@code storedOffset}. */
  private float squaredDistance(float[] z, int offset, int storedOffset) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    int j = 0;
    for (; j + 3 < d; j += 4) {
      float a0 = z[offset + j] - data[storedOffset + j];
      float a1 = z[offset + j + 1] - data[storedOffset + j + 1];
      float a2 = z[offset + j + 2] - data[storedOffset + j + 2];
      float a3 = z[offset + j + 3] - data[storedOffset + j + 3];
      s0 = Math.fma(a0, a0, s0);
      s1 = Math.fma(a1, a1, s1);
      s2 = Math.fma(a2, a2, s2);
      s3 = Math.fma(a3, a3, s3);
    }
    for (; j < d; j++) {
      float a = z[offset + j] - data[storedOffset + j];
      s0 = Math.fma(a, a, s0);
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void siftUp(float[] heap, int[] rows, int index, float value, int row) {
    int i = index;
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (heap[parent] >= value) {
        break;
      }
      heap[i] = heap[parent];
      rows[i] = rows[parent];
      i = parent;
    }
    heap[i] = value;
    rows[i] = row;
  }

  /** Replaces the root of a full heap of {@code size} with a smaller value and restores the order. */
  private static void siftDown(float[] heap, int[] rows, int size, float value, int row) {
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
      rows[i] = rows[child];
      i = child;
    }
    heap[i] = value;
    rows[i] = row;
  }

  public int dimension() {
    return d;
  }

  /**
   * 0..n−1 in an order fixed by {@link #ROW_ORDER_SEED}: the stored vectors are kept in it, since
   * a fitting set often comes sorted by class (MNIST's does), which would put each of the selection's
   * groups in one class.
   */
  private static int[] shuffledRows(int n) {
    return Permutation.shuffled(n, new Random(ROW_ORDER_SEED));
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
