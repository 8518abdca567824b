package io.penultimate.stream;

import io.penultimate.bundle.Answers;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import java.util.Map;

/**
 * The three answers of one scored event, as they travel with it to its outcome: {@code confidence}
 * (calibrated P(correct)), {@code oodPValue} and its flag {@code ood}, and {@code trust}.
 */
public record EventAnswers(double confidence, double oodPValue, boolean ood, double trust) {
  /**
   * The log-odds at which a max softmax rounds to 1 in a double, log(2⁵³): a stored max softmax of
   * exactly 1 had log-odds of at least this.
   */
  static final double SATURATED_LOG_ODDS = 53 * Math.log(2);

  static EventAnswers of(ScoredEvent event) {
    return new EventAnswers(event.confidence(), event.oodPValue(), event.ood(), event.trust());
  }

  /**
   * The answers recomputed from an event's stored scores, for records written before events carried
   * their answers (outcomes and pending events in a changelog or topic from an older version). The
   * confidence reads the max softmax as log-odds, which the scorer takes from the logits; here it
   * comes from the stored max softmax p as log p − log(1 − p), equal to it within rounding except
   * where p rounded to 1, where it is the lower bound {@link #SATURATED_LOG_ODDS}. Every other
   * feature, and so the OOD p-value and its flag, is exact.
   */
  static EventAnswers recomputed(Map<String, Double> scores, ConfidenceScorer scorer) {
    double[] values = new double[ScoreName.values().length];
    for (ScoreName score : ScoreName.values()) {
      Double value = scores.get(score.key());
      if (value == null) {
        throw new IllegalStateException("a stored outcome lacks the score '" + score.key() + "', so its answers cannot be recomputed");
      }
      values[score.ordinal()] = value;
    }
    double p = values[ScoreName.SOFTMAX.ordinal()];
    double logOdds = p >= 1 ? SATURATED_LOG_ODDS : Math.log(p) - Math.log1p(-p);
    Answers.Answer answer = scorer.bundle().answers().answer(logOdds, values);
    return new EventAnswers(answer.confidence(), answer.oodPValue(), answer.ood(), answer.trust());
  }
}
