package io.penultimate.score;

import java.util.Arrays;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fits a {@link VimModel} (Wang et al., CVPR 2022, "ViM: Out-Of-Distribution with Virtual-logit
 * Matching"):
 *
 * <ol>
 *   <li>the final layer l = W h + b, recovered from the fitting vectors and their logits by least
 *       squares ({@link LinearHead}); the fit stops when the logits are not affine in h;
 *   <li>the origin o = −W⁺ b (W⁺ the Moore–Penrose pseudo-inverse), the least-norm point with
 *       W o + b = 0, so that l = W (h − o);
 *   <li>the principal subspace P: the eigenvectors of the D largest eigenvalues of the second
 *       moment about o, (1/n) Σ_i (h_i − o)(h_i − o)ᵀ, which is what the paper's code decomposes
 *       (an empirical covariance of h − o with {@code assume_centered=True});
 *   <li>the residual basis: the other d − D eigenvectors, so ||x^{P⊥}|| = ||Rᵀ (h − o)|| with R
 *       their columns, exact rather than the difference ||h − o||² − ||Pᵀ(h − o)||²;
 *   <li>α = Σ_i max_c l_ic / Σ_i ||x_i^{P⊥}|| over the fitting data (the ratio of the mean max
 *       logit to the mean residual), which puts the virtual logit on the logits' scale.
 * </ol>
 *
 * The principal dimension D follows the paper: 1000 for d ≥ 2048, 512 for d ≥ 768, and d/2
 * (rounded down) for the narrower features the paper does not cover, then clamped to at least the
 * number of classes and at most d − 1, so that a residual space exists; see
 * {@link #principalDimension}. When α is not defined (no residual on the fitting data, or a mean max
 * logit ≤ 0 that would turn the virtual logit around), α = 1.
 *
 * <p>Feed it the hidden vectors and logits of the training samples the network classifies
 * correctly (the paper uses the whole training set; the bundle fits every density on the correct
 * ones). The eigen-decomposition is commons-math3's for symmetric matrices (Householder
 * tridiagonalisation and implicit QL).
 *
 * @param dimension D, or {@value #AUTOMATIC} for the rule above; otherwise in [0, d)
 * @param maxHeadResidual the largest relative residual ρ of the recovered head ({@link LinearHead})
 *     accepted as "the logits are W h + b"; default {@value #DEFAULT_MAX_HEAD_RESIDUAL}, far above
 *     float32 rounding (about 1e-7) and far below a non-linear head (0.1 or more). +∞ accepts any
 *     head: ViM is then computed with the affine map that best explains the logits, which is no
 *     longer the paper's method (the model records ρ)
 */
public record VimFitter(int dimension, double maxHeadResidual) {

  public static final int AUTOMATIC = -1;
  public static final double DEFAULT_MAX_HEAD_RESIDUAL = 1e-3;

  public VimFitter {
    if (dimension < AUTOMATIC) {
      throw new IllegalArgumentException("dimension must be >= 0 or " + AUTOMATIC + " (automatic), found " + dimension);
    }
    if (!(maxHeadResidual >= 0)) {
      throw new IllegalArgumentException("maxHeadResidual must be >= 0, found " + maxHeadResidual);
    }
  }

  public VimFitter() {
    this(AUTOMATIC, DEFAULT_MAX_HEAD_RESIDUAL);
  }

  /**
   * D for features of width d and C classes: 1000 (d ≥ 2048), 512 (d ≥ 768) or ⌊d/2⌋, then
   * raised to min(C, d − 1) and capped at d − 1.
   */
  public static int principalDimension(int width, int numClasses) {
    int rule = width >= 2048 ? 1000 : width >= 768 ? 512 : width / 2;
    return Math.min(width - 1, Math.max(rule, Math.min(numClasses, width - 1)));
  }

  /**
   * A fitted model and the residual norms ||x_i^{P⊥}|| of the fitting vectors it was scaled with,
   * which a feature score fitted on the same vectors (SIRC's S₂) can reuse.
   */
  public record Fitted(VimModel model, double[] residualNorms) {}

  /**
   * @param hidden n finite hidden vectors of length d
   * @param logits n finite logit vectors of length C ≥ 1, one per hidden vector
   * @throws IllegalArgumentException if the logits are not an affine function of the hidden
   *     vectors (relative residual above {@code maxHeadResidual}), naming the residual
   */
  public VimModel fit(double[][] hidden, double[][] logits) {
    return fitWithResiduals(hidden, logits).model();
  }

  /** As {@link #fit}, with the residual norms of the fitting vectors. */
  public Fitted fitWithResiduals(double[][] hidden, double[][] logits) {
    ClassMoments moments = ClassMoments.of(hidden, new int[Checks.present(hidden, "hidden").length], 1);
    requireLogits(logits, hidden.length);
    double[] mean = moments.means()[0];
    int d = mean.length;
    int classes = logits[0].length;
    double[][] covariance = moments.covariance(label -> true);
    LinearHead head = LinearHead.recover(hidden, logits, covariance, mean);
    if (!(head.relativeResidual() <= maxHeadResidual)) {
      throw new IllegalArgumentException(
          "ViM needs logits that are an affine function W h + b of the hidden layer read, but the best such function leaves a relative "
              + "residual of " + head.relativeResidual() + " (accepted: " + maxHeadResidual
              + "); read the layer that feeds the model's final linear layer");
    }
    int principal = dimension == AUTOMATIC ? principalDimension(d, classes) : dimension;
    if (principal >= d) {
      throw new IllegalArgumentException("dimension must be below the width " + d + ", found " + principal);
    }
    double[] origin = origin(head);
    double[][] basis = residualBasis(secondMoment(covariance, mean, origin), principal);
    VimModel unscaled = new VimModel(origin, basis, 1, head.relativeResidual());
    VimScore score = new VimScore(unscaled);
    double[] norms = new double[hidden.length];
    double residuals = 0;
    double maxLogits = 0;
    for (int i = 0; i < hidden.length; i++) {
      norms[i] = score.residualNorm(hidden[i]);
      residuals += norms[i];
      maxLogits += SoftmaxScores.maxLogit(logits[i]);
    }
    double alpha = maxLogits / residuals;
    if (!(alpha > 0 && alpha <= Double.MAX_VALUE)) {
      alpha = 1;
    }
    return new Fitted(new VimModel(origin, basis, alpha, head.relativeResidual()), norms);
  }

  private static void requireLogits(double[][] logits, int n) {
    Checks.present(logits, "logits");
    if (logits.length != n) {
      throw new IllegalArgumentException("need one logit vector per hidden vector, found hidden=" + n + " logits=" + logits.length);
    }
    int classes = Checks.present(logits[0], "logits[0]").length;
    if (classes == 0) {
      throw new IllegalArgumentException("logits[0] must not be empty");
    }
    for (int i = 0; i < n; i++) {
      Checks.requireVector(logits[i], classes, "logits[" + i + "]");
    }
  }

  /** o = −W⁺ b, by the singular value decomposition of W (small singular values count as zero). */
  private static double[] origin(LinearHead head) {
    RealMatrix pseudoInverse = new SingularValueDecomposition(MatrixUtils.createRealMatrix(head.weights())).getSolver().getInverse();
    double[] o = pseudoInverse.operate(head.bias());
    for (int j = 0; j < o.length; j++) {
      o[j] = -o[j];
    }
    return o;
  }

  /** (1/n) Σ (h_i − o)(h_i − o)ᵀ = S_hh + (h̄ − o)(h̄ − o)ᵀ; exactly symmetric. */
  private static double[][] secondMoment(double[][] covariance, double[] mean, double[] origin) {
    int d = mean.length;
    double[][] m = new double[d][d];
    for (int a = 0; a < d; a++) {
      double da = mean[a] - origin[a];
      for (int b = a; b < d; b++) {
        m[a][b] = covariance[a][b] + da * (mean[b] - origin[b]);
        m[b][a] = m[a][b];
      }
    }
    return m;
  }

  /** Eigenvectors of all but the {@code principal} largest eigenvalues, as rows, largest eigenvalue first. */
  private static double[][] residualBasis(double[][] moment, int principal) {
    EigenDecomposition eigen = new EigenDecomposition(MatrixUtils.createRealMatrix(moment));
    double[] values = eigen.getRealEigenvalues();
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // descending by eigenvalue, ties by index, so the split does not depend on the library's order
    Arrays.sort(order, (x, y) -> values[x] != values[y] ? Double.compare(values[y], values[x]) : Integer.compare(x, y));
    double[][] basis = new double[values.length - principal][];
    for (int k = principal; k < values.length; k++) {
      basis[k - principal] = eigen.getEigenvector(order[k]).toArray();
    }
    return basis;
  }
}
