package io.penultimate.score;

import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * The whitening factor W = L⁻¹ of a regularised covariance Σ = L Lᵀ (Cholesky), so that
 * (x − μ)ᵀ Σ⁻¹ (x − μ) = ||W x − W μ||² and log|Σ| = −2 Σ_i log W_ii.
 *
 * <p>W is lower triangular and stored as jagged rows: row i holds columns 0..i. That halves the
 * memory and the serialised size, and makes "lower triangular" a shape a loader can check.
 */
final class Whitening {
  private Whitening() {}

  /** Smallest accepted ridge: below it rounding in Σ (about d·ε·λ_max) can outweigh the ridge. */
  static final double MIN_RIDGE = 1e-10;

  static void requireRidge(double ridge) {
    if (!(ridge >= MIN_RIDGE) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException(
          "ridge must be finite and >= " + MIN_RIDGE + ", found " + ridge);
    }
  }

  static double trace(double[][] cov) {
    double t = 0;
    for (int i = 0; i < cov.length; i++) {
      t += cov[i][i];
    }
    return t;
  }

  /**
   * W for Σ + λ·s·I with s = trace(Σ)/d, the average variance, so λ is relative to the data's scale
   * and the smallest eigenvalue is at least λ·s: positive definite even when a node is constant
   * (a saturated sigmoid) or there are fewer samples than dimensions. When Σ is zero (every node
   * constant, or a single sample) s is 1, i.e. the ridge is λ·I. Modifies {@code cov}.
   */
  static double[][] of(double[][] cov, double ridge) {
    int d = cov.length;
    double trace = trace(cov);
    double shift = ridge * (trace > 0 ? trace / d : 1);
    for (int i = 0; i < d; i++) {
      cov[i][i] += shift;
    }
    // cov is exactly symmetric by construction; positivity is guaranteed by the shift, so the
    // library's absolute pivot threshold (1e-10, too large for small-scale data) is turned off
    double[][] l =
        new CholeskyDecomposition(
                MatrixUtils.createRealMatrix(cov),
                CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD,
                0)
            .getL()
            .getData();
    return invertLower(l);
  }

  /** Forward substitution, row by row: X_ii = 1/L_ii, X_ij = −(Σ_{k=j}^{i−1} L_ik X_kj) / L_ii. */
  private static double[][] invertLower(double[][] l) {
    int d = l.length;
    double[][] x = new double[d][];
    for (int i = 0; i < d; i++) {
      x[i] = new double[i + 1];
      x[i][i] = 1 / l[i][i];
      for (int j = 0; j < i; j++) {
        double sum = 0;
        for (int k = j; k < i; k++) {
          sum += l[i][k] * x[k][j];
        }
        x[i][j] = -sum / l[i][i];
      }
    }
    return x;
  }

  /** (W v)_i = Σ_{k ≤ i} W_ik v_k for each row i. */
  static double[] apply(double[][] w, double[] v) {
    double[] out = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = dot(w[i], v);
    }
    return out;
  }

  /** Σ_{k < row.length} row_k v_k: one row of the triangular product. */
  static double dot(double[] row, double[] v) {
    double sum = 0;
    for (int k = 0; k < row.length; k++) {
      sum += row[k] * v[k];
    }
    return sum;
  }

  /** Σ_i log W_ii = −½ log|Σ|. */
  static double halfLogDetInverse(double[][] w) {
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += Math.log(w[i][i]);
    }
    return sum;
  }

  /**
   * A squared distance computed from finite inputs is infinite or NaN only after an intermediate
   * product overflowed. The ridge bounds cond(Σ) by about d/λ, so such an overflow means the true
   * distance exceeds Double.MAX_VALUE; report that instead of ∞ or NaN.
   */
  static double clampDistance(double squared) {
    return squared <= Double.MAX_VALUE ? squared : Double.MAX_VALUE;
  }

  /** Checks that {@code w} is a d×d lower-triangular factor (jagged rows) with a finite, positive diagonal. */
  static void requireValid(double[][] w, int d, String name) {
    Checks.present(w, name);
    if (w.length != d) {
      throw new IllegalArgumentException(name + " has " + w.length + " rows, expected " + d);
    }
    for (int i = 0; i < d; i++) {
      String row = name + "[" + i + "]";
      Checks.requireVector(w[i], i + 1, row);
      if (!(w[i][i] > 0)) {
        throw new IllegalArgumentException(row + "[" + i + "] (diagonal) must be > 0, found " + w[i][i]);
      }
    }
  }
}
