package io.penultimate.bundle;

import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.ClassGaussianModel;
import io.penultimate.score.ClassGaussianScore;
import io.penultimate.score.EnergyScore;
import io.penultimate.score.MahalanobisModel;
import io.penultimate.score.MahalanobisScore;
import io.penultimate.score.SoftmaxScores;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every score but the primary, from the fitted encoders and baseline models alone. The primary
 * score, the OOD thresholds and the calibration maps are fitted on these scores of the validation
 * split, so {@link BundleFitter} computes them with this before any bundle exists;
 * {@link ConfidenceScorer} adds the primary score on top. Stateless after construction.
 */
final class ComponentScorer {
  private static final ScoreName[] SCORES = ScoreName.values();

  private final int width;
  private final int numClasses;
  /** Indexed by {@link ScoreName#ordinal()}; null except at the encoder likelihoods. */
  private final HiddenEncoder[] encoders = new HiddenEncoder[SCORES.length];
  private final MahalanobisScore mahalanobis;
  private final ClassGaussianScore gaussian;
  private final EnergyScore energy = new EnergyScore();

  /** @param encoders the encoder of each eq. 5 likelihood score */
  ComponentScorer(
      int width, int numClasses, Map<ScoreName, ? extends HiddenEncoder> encoders, MahalanobisModel mahalanobis,
      ClassGaussianModel gaussian) {
    for (ScoreName score : SCORES) {
      if (score.isEncoderLikelihood()) {
        if (!encoders.containsKey(score)) {
          throw new IllegalArgumentException("no encoder for " + score.key() + ", found encoders for " + encoders.keySet());
        }
        this.encoders[score.ordinal()] = encoders.get(score);
      }
    }
    this.width = width;
    this.numClasses = numClasses;
    this.mahalanobis = new MahalanobisScore(mahalanobis);
    this.gaussian = new ClassGaussianScore(gaussian);
  }

  static ComponentScorer of(EncoderBundle bundle) {
    Map<ScoreName, HiddenEncoder> encoders = new EnumMap<>(ScoreName.class);
    for (ScoreName score : SCORES) {
      if (score.isEncoderLikelihood()) {
        encoders.put(score, bundle.encoder(score));
      }
    }
    return new ComponentScorer(bundle.width(), bundle.numClasses(), encoders, bundle.mahalanobis(), bundle.gaussian());
  }

  /**
   * Writes every score but {@link ScoreName#PRIMARY} into {@code out}, indexed by
   * {@link ScoreName#ordinal()}, and leaves the primary's slot alone. Encoder likelihoods and the
   * Gaussian density are evaluated at the predicted class, as in the paper's eq. 5.
   *
   * @throws IllegalArgumentException if the vectors have the wrong length or a score is not finite
   *     (which only non-finite inputs can cause)
   */
  void scores(double[] hidden, double[] logits, double[] out) {
    if (hidden.length != width || logits.length != numClasses) {
      throw new IllegalArgumentException(
          "expected a hidden vector of " + width + " and " + numClasses + " logits, found " + hidden.length + " and "
              + logits.length);
    }
    int predicted = SoftmaxScores.predicted(logits);
    out[ScoreName.SOFTMAX.ordinal()] = SoftmaxScores.maxSoftmax(logits);
    for (ScoreName score : SCORES) {
      if (score.isEncoderLikelihood()) {
        out[score.ordinal()] = encoders[score.ordinal()].logLikelihood(hidden, predicted);
      }
    }
    out[ScoreName.ENERGY.ordinal()] = energy.score(logits);
    out[ScoreName.MAHALANOBIS.ordinal()] = mahalanobis.score(hidden);
    out[ScoreName.GAUSSIAN.ordinal()] = gaussian.score(hidden, predicted);
    for (ScoreName score : SCORES) {
      if (score != ScoreName.PRIMARY) {
        requireFinite(score, out[score.ordinal()]);
      }
    }
  }

  /** Scores of a whole batch, one column per score but the primary. */
  Map<ScoreName, double[]> scoreAll(ModelOutputs outputs) {
    Map<ScoreName, double[]> columns = new EnumMap<>(ScoreName.class);
    for (ScoreName score : SCORES) {
      if (score != ScoreName.PRIMARY) {
        columns.put(score, new double[outputs.size()]);
      }
    }
    double[] row = new double[SCORES.length];
    for (int i = 0; i < outputs.size(); i++) {
      scores(outputs.hidden()[i], outputs.logits()[i], row);
      for (Map.Entry<ScoreName, double[]> column : columns.entrySet()) {
        column.getValue()[i] = row[column.getKey().ordinal()];
      }
    }
    return columns;
  }

  static void requireFinite(ScoreName score, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(score.key() + " score is " + value + " for a non-finite input");
    }
  }
}
