package io.penultimate.bundle;

import io.penultimate.model.ModelOutputs;
import io.penultimate.score.ClassGaussianScore;
import io.penultimate.score.EnergyScore;
import io.penultimate.score.MahalanobisScore;
import io.penultimate.score.SoftmaxScores;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes every confidence score of a bundle for one sample's hidden vector and logits. Higher
 * always means more confident. Stateless after construction and safe to share between threads.
 */
public final class ConfidenceScorer {
  private static final ScoreName[] SCORES = ScoreName.values();

  private final EncoderBundle bundle;
  private final MahalanobisScore mahalanobis;
  private final ClassGaussianScore gaussian;
  private final EnergyScore energy = new EnergyScore();

  public ConfidenceScorer(EncoderBundle bundle) {
    this.bundle = bundle;
    this.mahalanobis = new MahalanobisScore(bundle.mahalanobis());
    this.gaussian = new ClassGaussianScore(bundle.gaussian());
  }

  public EncoderBundle bundle() {
    return bundle;
  }

  /**
   * Every score for one sample, indexed by {@link ScoreName#ordinal()}. Encoder likelihoods and the
   * Gaussian density are evaluated at the predicted class, as in the paper's eq. 5.
   *
   * @throws IllegalArgumentException if the vectors have the wrong length or a score is not finite
   *     (which only non-finite inputs can cause)
   */
  public double[] scores(double[] hidden, double[] logits) {
    if (hidden.length != bundle.width() || logits.length != bundle.numClasses()) {
      throw new IllegalArgumentException(
          "expected a hidden vector of " + bundle.width() + " and " + bundle.numClasses() + " logits, found "
              + hidden.length + " and " + logits.length);
    }
    int predicted = SoftmaxScores.predicted(logits);
    double[] out = new double[SCORES.length];
    out[ScoreName.SOFTMAX.ordinal()] = SoftmaxScores.maxSoftmax(logits);
    for (ScoreName score : SCORES) {
      if (score.isEncoderLikelihood()) {
        out[score.ordinal()] = bundle.encoder(score).logLikelihood(hidden, predicted);
      }
    }
    out[ScoreName.ENERGY.ordinal()] = energy.score(logits);
    out[ScoreName.MAHALANOBIS.ordinal()] = mahalanobis.score(hidden);
    out[ScoreName.GAUSSIAN.ordinal()] = gaussian.score(hidden, predicted);
    out[ScoreName.PRIMARY.ordinal()] =
        bundle.primary().score(SoftmaxScores.maxLogOdds(logits), out);
    for (ScoreName score : SCORES) {
      if (!Double.isFinite(out[score.ordinal()])) {
        throw new IllegalArgumentException(score.key() + " score is " + out[score.ordinal()] + " for a non-finite input");
      }
    }
    return out;
  }

  /** Scores of a whole batch, one column per score. */
  public Map<ScoreName, double[]> scoreAll(ModelOutputs outputs) {
    Map<ScoreName, double[]> columns = new EnumMap<>(ScoreName.class);
    for (ScoreName score : SCORES) {
      columns.put(score, new double[outputs.size()]);
    }
    for (int i = 0; i < outputs.size(); i++) {
      double[] row = scores(outputs.hidden()[i], outputs.logits()[i]);
      for (ScoreName score : SCORES) {
        columns.get(score)[i] = row[score.ordinal()];
      }
    }
    return columns;
  }

  /** P(correct) estimated from a score by the bundle's isotonic map. */
  public double calibrated(ScoreName score, double value) {
    return bundle.calibration().get(score).apply(value);
  }

  /** Whether a score falls below its threshold at the bundle's TPR on in-distribution data. */
  public boolean isOutOfDistribution(ScoreName score, double value) {
    return value < bundle.oodThresholds().get(score);
  }
}
