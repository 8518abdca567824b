package io.penultimate.bundle;

import io.penultimate.math.LogisticRegression;
import java.util.List;

/**
 * The confidence answer: a calibrated P(correct) for misclassification detection,
 * σ(b + Σ_j w_j·z(x_j)), a logistic regression of correctness on a few scores fitted on the
 * validation split (Platt scaling, Platt 1999, when the only feature is the max softmax). Max
 * softmax enters as its log-odds, log(p/(1 − p)), which keeps saturated predictions ranked; every
 * other score as it is, clamped to ±{@link #FEATURE_BOUND}. Every weight is non-negative, so a
 * higher score never lowers the confidence; {@link AnswersFitter} drops feature sets that fit
 * otherwise. A logistic map is strictly increasing in its linear predictor, so, unlike a binned
 * or isotonic map, it breaks no ties: the confidence ranks predictions exactly as its features'
 * combination does.
 *
 * @param features the scores the regression reads, in the order of its weights
 * @param model the fitted regression
 */
public record CalibratedConfidence(List<ScoreName> features, LogisticRegression.Model model) {
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
    return model.probability(featureRow(features, softmaxLogOdds, scores));
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
