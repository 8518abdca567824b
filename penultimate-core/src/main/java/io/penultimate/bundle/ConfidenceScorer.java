package io.penultimate.bundle;

import io.penultimate.model.ModelOutputs;
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
  private final ComponentScorer components;
  private final ScoreSelection selection;
  /** By ordinal: the served scores and those the answers (and the primary, if computed) read. */
  private final boolean[] computed;

  /** A scorer of every score. */
  public ConfidenceScorer(EncoderBundle bundle) {
    this(bundle, ScoreSelection.ALL);
  }

  /** A scorer of the served scores and of those the three answers read. */
  public ConfidenceScorer(EncoderBundle bundle, ScoreSelection selection) {
    this.bundle = bundle;
    this.components = ComponentScorer.of(bundle);
    this.selection = selection;
    this.computed = selection.computed(bundle);
  }

  public ScoreSelection selection() {
    return selection;
  }

  public EncoderBundle bundle() {
    return bundle;
  }

  /**
   * Every computed score for one sample, indexed by {@link ScoreName#ordinal()}: the served ones
   * and those the answers read, NaN in the other slots, which callers leave out (only served
   * scores leave the monitor). Encoder likelihoods and the Gaussian density are evaluated at the
   * predicted class, as in the paper's eq. 5.
   *
   * @throws IllegalArgumentException if the vectors have the wrong length or a score is not finite
   *     (which only non-finite inputs can cause)
   */
  public double[] scores(double[] hidden, double[] logits) {
    double[] out = new double[SCORES.length];
    components.scores(hidden, logits, out, computed);
    if (computed[ScoreName.PRIMARY.ordinal()]) {
      out[ScoreName.PRIMARY.ordinal()] = bundle.primary().score(SoftmaxScores.maxLogOdds(logits), out);
      ComponentScorer.requireFinite(ScoreName.PRIMARY, out[ScoreName.PRIMARY.ordinal()]);
    } else {
      out[ScoreName.PRIMARY.ordinal()] = Double.NaN;
    }
    return out;
  }

  /** Scores of a whole batch, one column per served score. */
  public Map<ScoreName, double[]> scoreAll(ModelOutputs outputs) {
    Map<ScoreName, double[]> columns = new EnumMap<>(ScoreName.class);
    for (ScoreName score : selection.served()) {
      columns.put(score, new double[outputs.size()]);
    }
    for (int i = 0; i < outputs.size(); i++) {
      double[] row = scores(outputs.hidden()[i], outputs.logits()[i]);
      for (ScoreName score : selection.served()) {
        columns.get(score)[i] = row[score.ordinal()];
      }
    }
    return columns;
  }

  /** The three answers for one sample, from its logits and its {@link #scores scores}. */
  public Answers.Answer answer(double[] logits, double[] scores) {
    return bundle.answers().answer(SoftmaxScores.maxLogOdds(logits), scores);
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
