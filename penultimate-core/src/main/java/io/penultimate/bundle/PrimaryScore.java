package io.penultimate.bundle;

import io.penultimate.math.LogisticRegression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default confidence: how likely the prediction is right, and how ordinary the input looks
 * next to the training data,
 *
 * <pre>primary = log σ(b + w₁·z(logit p_max) + w₂·z(mahalanobis)) + min(0, log p(h) − log α)</pre>
 *
 * <ul>
 *   <li>The first term, log σ(...), is a logistic regression of correctness on the max softmax (as
 *       log-odds) and the Mahalanobis score, fitted on the validation split: the two carry
 *       complementary evidence about wrong predictions. The density's weight is constrained to be
 *       non-negative (the fit drops the density when it comes out negative), so a more typical
 *       hidden vector never lowers the confidence. It is kept on the log scale so that
 *       confident samples, whose σ rounds to 1 in double precision, stay ranked.
 *   <li>The second is a gate: log p(h) = min_j log p_j(h) + log m is a Bonferroni-combined p-value
 *       of the m gate densities (see {@link DensityTail}). Inside the bulk of the training
 *       distribution (p ≥ α) it is 0; in the tail it falls with the densities, without bound,
 *       which is what separates out-of-distribution inputs. α = 0 turns the gate off.
 * </ul>
 *
 * The densities are Mahalanobis and the per-class Gaussian, chosen a priori as the standard
 * detectors on penultimate features (Lee et al., 2018), not by looking at out-of-distribution
 * data; α is chosen on validation data (see {@link BundleFitter}). The bundle's calibration maps
 * this score to P(correct).
 */
public record PrimaryScore(LogisticRegression.Model bulk, double alpha, List<DensityTail> gate) {
  /** The density beside softmax in the logistic regression. */
  public static final ScoreName BULK_DENSITY = ScoreName.MAHALANOBIS;
  /** The densities of the gate. */
  public static final List<ScoreName> GATE_DENSITIES = List.of(ScoreName.MAHALANOBIS, ScoreName.GAUSSIAN);

  /**
   * Inputs beyond ±1e12 are clamped before the logistic model: far past any fitted value, and
   * small enough that the linear predictor cannot overflow to ±∞.
   */
  static final double FEATURE_BOUND = 1e12;

  public PrimaryScore {
    if (bulk == null || gate == null) {
      throw new IllegalArgumentException("primary score needs its logistic model and gate (refit with 'penultimate fit')");
    }
    gate = List.copyOf(gate);
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("primary alpha must be in [0, 1], found " + alpha);
    }
    if (bulk.weights().length != 2) {
      throw new IllegalArgumentException(
          "primary logistic model needs 2 weights (softmax log-odds, " + BULK_DENSITY.key() + "), found " + bulk.weights().length);
    }
    if (gate.isEmpty()) {
      throw new IllegalArgumentException("primary gate needs at least one density");
    }
  }

  /** The same score with another gate level (for measuring the trade-off the gate makes). */
  public PrimaryScore withAlpha(double otherAlpha) {
    return new PrimaryScore(bulk, otherAlpha, gate);
  }

  /**
   * The score from the max softmax on the log-odds scale and the sample's other scores, indexed
   * by {@link ScoreName#ordinal()}.
   */
  public double score(double softmaxLogOdds, double[] scores) {
    double eta = bulk.logOdds(new double[] {clamp(softmaxLogOdds), clamp(scores[BULK_DENSITY.ordinal()])});
    // log σ(η) = −log(1 + e^{−η}), in the form that neither overflows nor rounds to 0 early
    double logBulk = eta >= 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta));
    return alpha == 0 ? logBulk : logBulk + Math.min(0, logPValue(scores) - Math.log(alpha));
  }

  /**
   * The score of every sample: its softmax log-odds and its other scores, one column per score.
   * Only the columns this score reads (the bulk density and the gate's densities) need be present,
   * so the fitter can score candidates before any primary column exists.
   */
  public double[] scoreAll(double[] softmaxLogOdds, Map<ScoreName, double[]> scores) {
    List<ScoreName> inputs = new ArrayList<>(List.of(BULK_DENSITY));
    gate.forEach(tail -> inputs.add(tail.density()));
    double[] out = new double[softmaxLogOdds.length];
    double[] row = new double[ScoreName.values().length];
    for (int i = 0; i < out.length; i++) {
      for (ScoreName score : inputs) {
        row[score.ordinal()] = scores.get(score)[i];
      }
      out[i] = score(softmaxLogOdds[i], row);
    }
    return out;
  }

  /** Bonferroni-combined log p-value of the gate densities, never above 0. */
  double logPValue(double[] scores) {
    double min = 0;
    for (DensityTail tail : gate) {
      min = Math.min(min, tail.logPValue(clamp(scores[tail.density().ordinal()])));
    }
    return Math.min(0, min + Math.log(gate.size()));
  }

  private static double clamp(double value) {
    return Math.max(-FEATURE_BOUND, Math.min(FEATURE_BOUND, value));
  }
}
