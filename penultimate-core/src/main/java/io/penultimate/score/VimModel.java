package io.penultimate.score;

import java.util.Arrays;

/**
 * A fitted ViM model (Wang et al., CVPR 2022): the origin o = −W⁺ b of the recovered final layer,
 * an orthonormal basis of the residual space P⊥ (the eigenvectors of the smallest d − D eigenvalues
 * of the second moment about o, one per row), the scale α of the virtual logit, and the relative
 * residual ρ of the recovered head (see {@link LinearHead}), which says whether the logits were
 * exactly affine in the hidden vectors. Immutable: arrays are copied in and out. Serialises as a
 * plain record.
 *
 * @param origin o, of length d, finite
 * @param residualBasis 1 to d rows of length d, finite, orthonormal (within {@value #TOLERANCE})
 * @param alpha α, finite and > 0
 * @param headResidual ρ ≥ 0 (+∞ when the logits were constant but not fitted)
 */
public record VimModel(double[] origin, double[][] residualBasis, double alpha, double headResidual) {

  /** How far the rows' inner products may be from those of an orthonormal basis. */
  static final double TOLERANCE = 1e-6;

  public VimModel {
    Checks.present(origin, "origin");
    if (origin.length == 0) {
      throw new IllegalArgumentException("origin must not be empty");
    }
    int d = origin.length;
    Checks.requireVector(origin, d, "origin");
    Checks.present(residualBasis, "residualBasis");
    if (residualBasis.length == 0 || residualBasis.length > d) {
      throw new IllegalArgumentException("residualBasis must have 1 to " + d + " rows, found " + residualBasis.length);
    }
    for (int k = 0; k < residualBasis.length; k++) {
      Checks.requireVector(residualBasis[k], d, "residualBasis[" + k + "]");
    }
    requireOrthonormal(residualBasis);
    if (!(alpha > 0 && alpha <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("alpha must be finite and > 0, found " + alpha);
    }
    if (!(headResidual >= 0)) {
      throw new IllegalArgumentException("headResidual must be >= 0, found " + headResidual);
    }
    origin = origin.clone();
    residualBasis = Checks.copy(residualBasis);
  }

  private static void requireOrthonormal(double[][] rows) {
    for (int a = 0; a < rows.length; a++) {
      for (int b = a; b < rows.length; b++) {
        double dot = Whitening.dot(rows[a], rows[b]);
        double expected = a == b ? 1 : 0;
        if (!(Math.abs(dot - expected) <= TOLERANCE)) {
          throw new IllegalArgumentException(
              "residualBasis rows must be orthonormal, found rows " + a + " and " + b + " with inner product " + dot + ", expected "
                  + expected);
        }
      }
    }
  }

  @Override
  public double[] origin() {
    return origin.clone();
  }

  @Override
  public double[][] residualBasis() {
    return Checks.copy(residualBasis);
  }

  public int dimension() {
    return origin.length;
  }

  /** D = d − (rows of the residual basis). */
  public int principalDimension() {
    return origin.length - residualBasis.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VimModel m
        && Arrays.equals(origin, m.origin)
        && Arrays.deepEquals(residualBasis, m.residualBasis)
        && Double.compare(alpha, m.alpha) == 0
        && Double.compare(headResidual, m.headResidual) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {
        Arrays.hashCode(origin), Arrays.deepHashCode(residualBasis), Double.hashCode(alpha), Double.hashCode(headResidual)});
  }

  @Override
  public String toString() {
    return "VimModel[dimension=" + dimension() + ", principalDimension=" + principalDimension() + ", alpha=" + alpha + "]";
  }
}
