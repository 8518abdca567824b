package io.penultimate.math;

/**
 * {@link DotProducts} in plain Java: each dot product summed in float with fused multiply-adds
 * over eight independent accumulators, so the loop is not one long chain of dependent additions.
 * For tests and offline fitting; the monitor multiplies through BLAS (README, Performance, has
 * both rates).
 */
public final class PlainDotProducts implements DotProducts {
  public static final PlainDotProducts INSTANCE = new PlainDotProducts();

  private PlainDotProducts() {}

  @Override
  public StoredRows store(float[] stored, int rows, int width) {
    if ((long) rows * width != stored.length) {
      throw new IllegalArgumentException(rows + " rows of " + width + " need " + (long) rows * width + " values, found " + stored.length);
    }
    float[] copy = stored.clone();
    return (queries, count) -> times(copy, rows, width, queries, count);
  }

  private static float[] times(float[] stored, int rows, int width, float[] queries, int count) {
    float[] out = new float[count * rows];
    for (int q = 0; q < count; q++) {
      for (int i = 0; i < rows; i++) {
        out[q * rows + i] = dot(queries, q * width, stored, i * width, width);
      }
    }
    return out;
  }

  private static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int j = 0;
    for (; j + 7 < length; j += 8) {
      int p = aOffset + j;
      int o = bOffset + j;
      s0 = Math.fma(a[p], b[o], s0);
      s1 = Math.fma(a[p + 1], b[o + 1], s1);
      s2 = Math.fma(a[p + 2], b[o + 2], s2);
      s3 = Math.fma(a[p + 3], b[o + 3], s3);
      s4 = Math.fma(a[p + 4], b[o + 4], s4);
      s5 = Math.fma(a[p + 5], b[o + 5], s5);
      s6 = Math.fma(a[p + 6], b[o + 6], s6);
      s7 = Math.fma(a[p + 7], b[o + 7], s7);
    }
    for (; j < length; j++) {
      s0 = Math.fma(a[aOffset + j], b[bOffset + j], s0);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
