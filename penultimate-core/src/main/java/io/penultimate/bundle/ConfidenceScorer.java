package io.penultimate.bundle;

import io.penultimate.math.DotProducts;
import io.penultimate.math.PlainDotProducts;
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

  /** A scorer of the served scores and of those the three answers read, multiplying in plain Java. */
  public ConfidenceScorer(EncoderBundle bundle, ScoreSelection selection) {
    this(bundle, selection, PlainDotProducts.INSTANCE);
  }

  /** The same, with the k-NN search's matrix products computed by {@code products}. */
  public ConfidenceScorer(EncoderBundle bundle, ScoreSelection selection, DotProducts products) {
    this.bundle = bundle;
    this.components = ComponentScorer.of(bundle, products);
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
    return scores(new double[][] {hidden}, new double[][] {logits})[0];
  }

  /** {@link #scores(double[], double[])} of every sample of a batch, which costs less than one call each. */
  public double[][] scores(double[][] hidden, double[][] logits) {
    double[][] rows = components.scores(hidden, logits, computed);
    for (int i = 0; i < rows.length; i++) {
      double[] out = rows[i];
      if (computed[ScoreName.PRIMARY.ordinal()]) {
        out[ScoreName.PRIMARY.ordinal()] = bundle.primary().score(SoftmaxScores.maxLogOdds(logits[i]), out);
        ComponentScorer.requireFinite(ScoreName.PRIMARY, out[ScoreName.PRIMARY.ordinal()]);
      } else {
        out[ScoreName.PRIMARY.ordinal()] = Double.NaN;
      }
    }
    return rows;
  }

  /** Scores of a whole batch, one column per served score. */
  public Map<ScoreName, double[]> scoreAll(ModelOutputs outputs) {
    double[][] rows = scores(outputs.hidden(), outputs.logits());
    Map<ScoreName, double[]> columns = new EnumMap<>(ScoreName.class);
    for (ScoreName score : selection.served()) {
      double[] column = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        column[i] = rows[i][score.ordinal()];
      }
      columns.put(score, column);
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
