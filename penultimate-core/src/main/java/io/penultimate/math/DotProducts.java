package io.penultimate.math;

/**
 * The dot products of batches of query rows with a fixed set of stored rows, C = Q·Sᵀ: the one
 * matrix product the k-NN score spends its time in. {@link PlainDotProducts} computes it in Java;
 * a BLAS behind another runtime (penultimate-dl4j's) is several times faster at the widths and
 * batch sizes the monitor sees, which is why this is a port.
 */
public interface DotProducts {

  /**
   * Keeps {@code rows} stored rows of length {@code width}, row-major in {@code stored}, for many
   * batches; the array is not kept or changed.
   */
  StoredRows store(float[] stored, int rows, int width);

  /** Stored rows ready to be multiplied; safe to share between threads. */
  interface StoredRows {
    /**
     * out[q·n + i] = Σ_j queries[q·d + j]·stored[i·d + j] for the {@code count} query rows of
     * length d in {@code queries} and the n stored rows, row-major; a new array, which the caller
     * may overwrite.
     */
    float[] times(float[] queries, int count);
  }
}
