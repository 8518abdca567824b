package io.penultimate.bundle;

import io.penultimate.evaluation.IsotonicMap;
import io.penultimate.math.LogisticRegression;
import java.util.List;

/**
 * The confidence answer: a calibrated P(correct) for misclassification detection. Its linear
 * predictor η = b + Σ_j w_j·z(x_j) is a logistic regression of correctness on a few scores fitted
 * on the validation split; P(correct) is σ(η) (Platt scaling, Platt 1999, when the only feature is
 * the max softmax) or, when {@code isotonic} is present, an isotonic regression of correctness on
 * η (Zadrozny &amp; Elkan 2002), whichever calibrated better on held-out validation data. An
 * isotonic map is flat inside its blocks, which would tie the inputs there; (1 − ε)·iso(η) +
 * ε·σ(η), ε = {@value #TIE_BREAK}, keeps them ranked by η at a cost to calibration below 1e-6. Max
 * softmax enters as its log-odds, log(p/(1 − p)), which keeps saturated predictions ranked; every
 * other score as it is, clamped to ±{@link #FEATURE_BOUND}. Every weight is non-negative, so a
 * higher score never lowers the confidence; {@link AnswersFitter} drops feature sets that fit
 * otherwise. A logistic map is strictly increasing in its linear predictor, so, unlike a binned
 * or isotonic map, it breaks no ties: the confidence ranks predictions exactly as its features'
 * combination does.
 *
 * @param features the scores the regression reads, in the order of its weights
 * @param model the fitted regression
 * @param isotonic the isotonic map of η to P(correct), or null for σ(η)
 */
public record CalibratedConfidence(List<ScoreName> features, LogisticRegression.Model model, IsotonicMap isotonic) {
  /** Weight of σ(η) beside an isotonic map: enough to order its flat blocks, too small to move its values. */
  static final double TIE_BREAK = 1e-6;

  /** Far past any fitted value, and small enough that the linear predictor cannot overflow. */
  static final double FEATURE_BOUND = 1e12;

  public CalibratedConfidence {
    features = List.copyOf(features);
    if (features.isEmpty() || model.weights().length != features.size()) {
      throw new IllegalArgumentException(
          "the confidence model needs one weight per feature and at least one feature, found " + features.size() + " features and "
              + model.weights().length + " weights");
    }
    for (double w : model.weights()) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("the confidence model's weights must be non-negative, found " + w);
      }
    }
  }

  /**
   * @param softmaxLogOdds the max softmax as log-odds
   * @param scores the sample's scores, indexed by {@link ScoreName#ordinal()}
   */
  public double confidence(double softmaxLogOdds, double[] scores) {
    double eta = model.logOdds(featureRow(features, softmaxLogOdds, scores));
    double platt = LogisticRegression.sigmoid(eta);
    return isotonic == null ? platt : (1 - TIE_BREAK) * isotonic.apply(eta) + TIE_BREAK * platt;
  }

  static double[] featureRow(List<ScoreName> features, double softmaxLogOdds, double[] scores) {
    double[] row = new double[features.size()];
    for (int j = 0; j < row.length; j++) {
      ScoreName feature = features.get(j);
      double value = feature == ScoreName.SOFTMAX ? softmaxLogOdds : scores[feature.ordinal()];
      row[j] = Math.max(-FEATURE_BOUND, Math.min(FEATURE_BOUND, value));
    }
    return row;
  }
}
