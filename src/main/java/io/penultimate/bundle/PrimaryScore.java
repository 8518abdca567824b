package io.penultimate.bundle;

import io.penultimate.math.LogisticRegression;
import java.util.Arrays;

/**
 * The default confidence: how likely the prediction is right, and how much the input looks like
 * the training data,
 *
 * <pre>primary = log σ(b + w₁·z(logit p_max) + w₂·z(d(h))) + log min(1, p(h) / α)</pre>
 *
 * (the log of a product of two factors; on the log scale so that confident samples, whose first
 * factor rounds to 1 in double precision, stay distinct and ranked).
 *
 * <ul>
 *   <li>The first factor, σ(...), is a logistic regression of correctness on the max softmax (as log-odds)
 *       and the density score d(h), fitted on the validation split: the two carry complementary
 *       evidence about wrong predictions.
 *   <li>The second is a gate: p(h) = (#{reference ≤ d(h)} + 1) / (n + 1) is the empirical p-value
 *       of the density among the validation split's correct predictions. Inside the bulk of the
 *       training distribution (p ≥ α) it is 1; in the tail it falls with the density, which is
 *       what separates out-of-distribution inputs. α = 0 turns the gate off.
 * </ul>
 *
 * The density is the Mahalanobis score, chosen a priori as the standard out-of-distribution
 * detector on penultimate features (Lee et al., 2018); α is chosen on validation data (see {@link
 * BundleFitter}). The bundle's calibration maps this score to P(correct).
 */
public record PrimaryScore(ScoreName density, LogisticRegression.Model bulk, double alpha, double[] densityReference) {

  public PrimaryScore {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("primary alpha must be in [0, 1], found " + alpha);
    }
    if (density == ScoreName.PRIMARY || density == ScoreName.SOFTMAX || density == ScoreName.ENERGY) {
      throw new IllegalArgumentException("primary density must be a hidden-layer density score, found " + density.key());
    }
    if (bulk.weights().length != 2) {
      throw new IllegalArgumentException("primary bulk model needs 2 weights (softmax log-odds, density), found " + bulk.weights().length);
    }
    if (densityReference.length == 0) {
      throw new IllegalArgumentException("primary density reference must hold at least one validation score");
    }
    densityReference = densityReference.clone();
    Arrays.sort(densityReference);
  }

  /**
   * Inputs beyond ±1e12 are clamped before the logistic model: far past any fitted value, and
   * small enough that the linear predictor cannot overflow to ±∞.
   */
  static final double FEATURE_BOUND = 1e12;

  /** The score from the max softmax on the log-odds scale and the density score. */
  public double score(double softmaxLogOdds, double densityScore) {
    double eta = bulk.logOdds(new double[] {clamp(softmaxLogOdds), clamp(densityScore)});
    // log σ(η) = −log(1 + e^{−η}), in the form that neither overflows nor rounds to 0 early
    double logBulk = eta >= 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta));
    return alpha == 0 ? logBulk : logBulk + Math.log(Math.min(1, pValue(densityScore) / alpha));
  }

  private static double clamp(double value) {
    return Math.max(-FEATURE_BOUND, Math.min(FEATURE_BOUND, value));
  }

  /** Share of reference scores at or below this one, with one pseudo-observation so it is never 0. */
  double pValue(double densityScore) {
    int lo = 0;
    int hi = densityReference.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (densityReference[mid] <= densityScore) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (lo + 1.0) / (densityReference.length + 1.0);
  }
}
