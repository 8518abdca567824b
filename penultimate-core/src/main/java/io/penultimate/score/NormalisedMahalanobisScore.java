package io.penultimate.score;

/**
 * Mahalanobis confidence on L2-normalised hidden vectors ("Mahalanobis++", Mueller and Hein
 * 2025, "Improving Out-of-Distribution Detection via Feature Normalization"): the model of
 * {@link MahalanobisFitter} fitted on h/||h|| of the training vectors ({@link #unitRows}), and
 * score(h) = −min_c (u − μ_c)ᵀ Σ⁻¹ (u − μ_c) with u = h/||h||.
 *
 * <p>Why: on a wide ReLU layer the spread of a class grows with the vector's norm, which a shared
 * covariance cannot express. The distance to the nearest mean then mostly measures how large the
 * vector is, and weakly activated inputs (wrong predictions, OOD) come out closest: the raw score
 * ranks them as more typical. Normalising keeps the direction, the part the classes differ in.
 *
 * <p>The unit vectors are deep k-NN's ({@link KnnScore#normaliseToDouble}): the zero vector, which
 * a ReLU layer can produce, stays zero. Inputs must be finite and d long
 * (IllegalArgumentException otherwise); outputs are always finite, as {@link MahalanobisScore}'s.
 * Immutable and thread-safe.
 */
public final class NormalisedMahalanobisScore {
  private final MahalanobisScore onUnitVectors;

  /** @param model fitted on {@link #unitRows} of the training vectors */
  public NormalisedMahalanobisScore(MahalanobisModel model) {
    this.onUnitVectors = new MahalanobisScore(model);
  }

  public double score(double[] h) {
    Checks.requireVector(h, onUnitVectors.dimension(), "h");
    return onUnitVectors.score(KnnScore.normaliseToDouble(h));
  }

  public int dimension() {
    return onUnitVectors.dimension();
  }

  /** Every row divided by its Euclidean norm, zero rows kept, for fitting the model. */
  public static double[][] unitRows(double[][] hidden) {
    double[][] unit = new double[hidden.length][];
    for (int i = 0; i < hidden.length; i++) {
      Checks.requireFinite(hidden[i], "hidden[" + i + "]");
      unit[i] = KnnScore.normaliseToDouble(hidden[i]);
    }
    return unit;
  }
}
