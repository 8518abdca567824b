package io.penultimate.measure;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The output layer's bias moved onto the hidden layer (paper eq. 4): f(h) = W h + b is rewritten
 * f(h) = W (h + b'), which needs W b' = b. W has one row per class and one column per hidden node,
 * so with more nodes than classes the system has infinitely many solutions; two are offered.
 */
public final class HiddenBias {
  private HiddenBias() {}

  /**
   * b' = W⁺ b with W⁺ the Moore–Penrose pseudo-inverse (by SVD): among all least-squares solutions
   * the one of smallest Euclidean norm. When W has full row rank (rank = classes) it solves W b' = b
   * exactly.
   */
  public static double[] minimumNorm(double[][] w, double[] b) {
    check(w, b);
    return new SingularValueDecomposition(new Array2DRowRealMatrix(w, false))
        .getSolver()
        .getInverse()
        .operate(b);
  }

  /**
   * The paper's reading, "the same bias affects every hidden node equally": each of the n nodes is
   * asked to carry an equal share of every class's bias, W_ki b'_i ≈ b_k / n for all classes k.
   * Solved per node by least squares over the classes:
   * b'_i = Σ_k W_ki (b_k / n) / Σ_k W_ki², and 0 for a node whose weight column is all zeros (it
   * cannot carry any bias). Unlike {@link #minimumNorm}, W b' does not reproduce b in general.
   */
  public static double[] equalShare(double[][] w, double[] b) {
    int width = check(w, b);
    double[] out = new double[width];
    for (int i = 0; i < width; i++) {
      double numerator = 0;
      double denominator = 0;
      for (int k = 0; k < w.length; k++) {
        numerator += w[k][i] * b[k] / width;
        denominator += w[k][i] * w[k][i];
      }
      out[i] = denominator == 0 ? 0 : numerator / denominator;
    }
    return out;
  }

  private static int check(double[][] w, double[] b) {
    int width = Matrices.requireRectangular(w, "W");
    if (b.length != w.length) {
      throw new IllegalArgumentException("b needs one entry per class (row of W), found " + b.length + " for " + w.length + " rows");
    }
    Matrices.requireFinite(b, "b");
    return width;
  }
}
