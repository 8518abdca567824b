package io.penultimate.score;

import java.util.Arrays;

/**
 * A fitted deep nearest-neighbour model (Sun et al., ICML 2022): the L2-normalised fitting vectors
 * and the rank k of the neighbour whose distance is the score. Stored as float, the precision the
 * networks compute hidden vectors in, which halves the bundle and the memory every score pass
 * reads; a unit vector rounded to float is within 1e-7 of unit length. Immutable: arrays are
 * copied in and out. Serialises as a plain record.
 *
 * @param k in [1, number of vectors]
 * @param vectors at least one, all of length d ≥ 1, finite, each of unit length (within
 *     {@value #UNIT_TOLERANCE}) or zero (the normalised zero vector)
 */
public record KnnModel(int k, float[][] vectors) {

  /** How far from 1 a stored vector's squared length may be: float rounding gives about 1e-7·d. */
  static final double UNIT_TOLERANCE = 1e-4;

  public KnnModel {
    Checks.present(vectors, "vectors");
    if (vectors.length == 0) {
      throw new IllegalArgumentException("vectors must not be empty");
    }
    if (k < 1 || k > vectors.length) {
      throw new IllegalArgumentException("k must be in [1, " + vectors.length + "] (the number of vectors), found " + k);
    }
    int d = Checks.present(vectors[0], "vectors[0]").length;
    if (d == 0) {
      throw new IllegalArgumentException("vectors[0] must not be empty");
    }
    float[][] copy = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      String name = "vectors[" + i + "]";
      float[] v = Checks.present(vectors[i], name);
      if (v.length != d) {
        throw new IllegalArgumentException(name + " has length " + v.length + ", expected " + d);
      }
      double squared = 0;
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(v[j])) {
          throw new IllegalArgumentException(name + "[" + j + "] must be finite, found " + v[j]);
        }
        squared += (double) v[j] * v[j];
      }
      if (squared != 0 && !(Math.abs(squared - 1) <= UNIT_TOLERANCE)) {
        throw new IllegalArgumentException(name + " must have unit length (or be zero), found squared length " + squared);
      }
      copy[i] = v.clone();
    }
    vectors = copy;
  }

  @Override
  public float[][] vectors() {
    float[][] copy = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      copy[i] = vectors[i].clone();
    }
    return copy;
  }

  public int size() {
    return vectors.length;
  }

  public int dimension() {
    return vectors[0].length;
  }

  /** Row i of the stored vectors, not copied: for {@link KnnScore}, which copies it once. */
  float[] row(int i) {
    return vectors[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KnnModel m && k == m.k && Arrays.deepEquals(vectors, m.vectors);
  }

  @Override
  public int hashCode() {
    return 31 * k + Arrays.deepHashCode(vectors);
  }

  @Override
  public String toString() {
    return "KnnModel[k=" + k + ", vectors=" + size() + ", dimension=" + dimension() + "]";
  }
}
