package io.penultimate.report;

import io.penultimate.bundle.Answers;
import io.penultimate.bundle.ScoreName;
import io.penultimate.bundle.TrustScore;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.SoftmaxScores;
import java.util.Map;

/**
 * The three answers of every sample of a set, as columns. The OOD p-value is kept as its log,
 * which ranks far out-of-distribution inputs whose p-value rounds to 0 in double precision; the
 * trust at any other OOD share follows from the other two ({@link #trustAt}).
 *
 * @param confidence calibrated P(correct)
 * @param logOodPValue log of the OOD p-value
 * @param ood the flag, p below the bundle's α
 * @param trust the trust at the bundle's OOD share
 */
public record AnswerColumns(double[] confidence, double[] logOodPValue, boolean[] ood, double[] trust) {
  /** The answers' keys in reports, beside the scores' keys. */
  public static final String CONFIDENCE = "confidence";
  public static final String OOD_P_VALUE = "oodPValue";
  public static final String TRUST = "trust";

  /** The answers of every sample from its logits and its score columns (as {@code ConfidenceScorer.scoreAll} gives them). */
  public static AnswerColumns of(Answers answers, ModelOutputs outputs, Map<ScoreName, double[]> scores) {
    int n = outputs.size();
    double[] confidence = new double[n];
    double[] logP = new double[n];
    boolean[] ood = new boolean[n];
    double[] trust = new double[n];
    double[] row = new double[ScoreName.values().length];
    for (int i = 0; i < n; i++) {
      for (Map.Entry<ScoreName, double[]> column : scores.entrySet()) {
        row[column.getKey().ordinal()] = column.getValue()[i];
      }
      Answers.Answer answer = answers.answer(SoftmaxScores.maxLogOdds(outputs.logits()[i]), row);
      confidence[i] = answer.confidence();
      logP[i] = answer.logOodPValue();
      ood[i] = answer.ood();
      trust[i] = answer.trust();
    }
    return new AnswerColumns(confidence, logP, ood, trust);
  }

  /** The trust of every sample at another OOD share: refitting the trust is only recomputing it. */
  public double[] trustAt(TrustScore model) {
    double[] out = new double[confidence.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.trust(confidence[i], logOodPValue[i]);
    }
    return out;
  }

  public double[] oodPValue() {
    double[] out = new double[logOodPValue.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(logOodPValue[i]);
    }
    return out;
  }
}
