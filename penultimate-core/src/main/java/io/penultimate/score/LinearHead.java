package io.penultimate.score;

import java.util.Optional;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * The final linear layer l = W h + b of a classifier, recovered from its hidden vectors and
 * logits alone, so that no model adapter has to expose its weights: ridge-regularised least
 * squares on centred data,
 *
 * <pre>
 *   Wᵀ = (S_hh + λ·(trace(S_hh)/d)·I)⁻¹ S_hl,    b = l̄ − W h̄,
 *   S_hh = (1/n) Σ_i (h_i − h̄)(h_i − h̄)ᵀ,        S_hl = (1/n) Σ_i (h_i − h̄)(l_i − l̄)ᵀ,
 * </pre>
 *
 * centred so that the ridge does not shrink the bias. When the logits are exactly affine in h (the
 * layer read feeds the final dense layer), this is W and b up to rounding: the ridge λ =
 * {@value #RIDGE} only decides the directions in which the hidden vectors do not vary (a dead ReLU,
 * a saturated sigmoid, fewer samples than nodes), where it picks the smallest weights, as the
 * minimum-norm solution does. The relative residual
 *
 * <pre>   ρ = sqrt(Σ_i ||l_i − W h_i − b||² / Σ_i ||l_i − l̄||²)</pre>
 *
 * measures how affine the logits are: about 1e-7 for a float32 network read at the input of its
 * output layer (rounding of its own arithmetic), of order 0.1 or more for a layer further back.
 */
public record LinearHead(double[][] weights, double[] bias, double relativeResidual) {

  /** Ridge relative to the average variance of the hidden nodes. */
  static final double RIDGE = Whitening.MIN_RIDGE;

  /**
   * The output layer that reads {@code hidden}, recovered from these outputs, for a runtime that
   * does not expose its weights (ONNX Runtime): present when the logits are affine in the hidden
   * vectors within {@link VimFitter#DEFAULT_MAX_HEAD_RESIDUAL}, i.e. when the layer read feeds the
   * final linear layer. A node whose outputs do not vary gets zero weights (see above), where the
   * network may hold any.
   */
  public static Optional<LinearHead> ofAffine(double[][] hidden, double[][] logits) {
    ClassMoments moments = ClassMoments.of(hidden, new int[Checks.present(hidden, "hidden").length], 1);
    LinearHead head = recover(hidden, logits, moments.covariance(label -> true), moments.means()[0]);
    return head.relativeResidual() <= VimFitter.DEFAULT_MAX_HEAD_RESIDUAL ? Optional.of(head) : Optional.empty();
  }

  /**
   * @param hidden n finite hidden vectors of length d
   * @param logits n finite logit vectors of length C, one per hidden vector
   * @param hiddenCovariance S_hh, which the caller has computed anyway; not modified
   * @param hiddenMean h̄
   */
  static LinearHead recover(double[][] hidden, double[][] logits, double[][] hiddenCovariance, double[] hiddenMean) {
    int n = hidden.length;
    int d = hiddenMean.length;
    int classes = logits[0].length;
    double[] logitMean = new double[classes];
    for (double[] l : logits) {
      for (int c = 0; c < classes; c++) {
        logitMean[c] += l[c] / n;
      }
    }
    double[][] cross = new double[d][classes];
    double[] dl = new double[classes];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        dl[c] = (logits[i][c] - logitMean[c]) / n;
      }
      for (int j = 0; j < d; j++) {
        double dh = hidden[i][j] - hiddenMean[j];
        double[] row = cross[j];
        for (int c = 0; c < classes; c++) {
          row[c] += dh * dl[c];
        }
      }
    }
    double[][] gram = Checks.copy(hiddenCovariance);
    double trace = Whitening.trace(gram);
    double shift = RIDGE * (trace > 0 ? trace / d : 1);
    for (int j = 0; j < d; j++) {
      gram[j][j] += shift;
    }
    // positive definite by the shift; the library's absolute pivot threshold is turned off as in Whitening
    double[][] transposed =
        new CholeskyDecomposition(
                MatrixUtils.createRealMatrix(gram), CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0)
            .getSolver()
            .solve(MatrixUtils.createRealMatrix(cross))
            .getData();
    double[][] weights = new double[classes][d];
    double[] bias = logitMean.clone();
    for (int c = 0; c < classes; c++) {
      for (int j = 0; j < d; j++) {
        weights[c][j] = transposed[j][c];
        bias[c] -= weights[c][j] * hiddenMean[j];
      }
    }
    return new LinearHead(weights, bias, relativeResidual(hidden, logits, logitMean, weights, bias));
  }

  private static double relativeResidual(double[][] hidden, double[][] logits, double[] logitMean, double[][] w, double[] b) {
    double residual = 0;
    double spread = 0;
    for (int i = 0; i < hidden.length; i++) {
      for (int c = 0; c < b.length; c++) {
        double r = logits[i][c] - (Whitening.dot(w[c], hidden[i]) + b[c]);
        double s = logits[i][c] - logitMean[c];
        residual += r * r;
        spread += s * s;
      }
    }
    if (spread == 0) {
      return residual == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(residual / spread);
  }
}
