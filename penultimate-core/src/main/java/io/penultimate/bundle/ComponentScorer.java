package io.penultimate.bundle;

import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.math.DotProducts;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.ClassGaussianModel;
import io.penultimate.score.ClassGaussianScore;
import io.penultimate.score.DoctorScore;
import io.penultimate.score.EnergyScore;
import io.penultimate.score.KnnModel;
import io.penultimate.score.KnnScore;
import io.penultimate.score.MahalanobisModel;
import io.penultimate.score.MahalanobisScore;
import io.penultimate.score.NormalisedMahalanobisScore;
import io.penultimate.score.RelativeMahalanobisModel;
import io.penultimate.score.RelativeMahalanobisScore;
import io.penultimate.score.SircModel;
import io.penultimate.score.SircScore;
import io.penultimate.score.SoftmaxScores;
import io.penultimate.score.VimModel;
import io.penultimate.score.VimScore;
import java.util.Arrays;
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
  private static final boolean[] EVERY = every();

  private final int width;
  private final int numClasses;
  /** Indexed by {@link ScoreName#ordinal()}; null except at the encoder likelihoods. */
  private final HiddenEncoder[] encoders = new HiddenEncoder[SCORES.length];
  private final MahalanobisScore mahalanobis;
  private final ClassGaussianScore gaussian;
  private final RelativeMahalanobisScore relativeMahalanobis;
  private final KnnScore knn;
  private final VimScore vim;
  private final SircScore sirc;
  private final NormalisedMahalanobisScore mahalanobisNormalised;
  private final EnergyScore energy = new EnergyScore();

  /** The fitted models of the scores that are not encoder likelihoods. */
  record Baselines(
      MahalanobisModel mahalanobis, ClassGaussianModel gaussian, RelativeMahalanobisModel relativeMahalanobis, KnnModel knn,
      VimModel vim, SircModel sirc, MahalanobisModel mahalanobisNormalised) {

    static Baselines of(EncoderBundle bundle) {
      return new Baselines(bundle.mahalanobis(), bundle.gaussian(), bundle.relativeMahalanobis(), bundle.knn(), bundle.vim(), bundle.sirc(),
          bundle.mahalanobisNormalised());
    }
  }

  /**
   * @param encoders the encoder of each eq. 5 likelihood score
   * @param products the matrix product the k-NN search runs on
   */
  ComponentScorer(
      int width, int numClasses, Map<ScoreName, ? extends HiddenEncoder> encoders, Baselines baselines, DotProducts products) {
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
    this.mahalanobis = new MahalanobisScore(baselines.mahalanobis());
    this.gaussian = new ClassGaussianScore(baselines.gaussian());
    this.relativeMahalanobis = new RelativeMahalanobisScore(baselines.mahalanobis(), baselines.relativeMahalanobis());
    this.knn = new KnnScore(baselines.knn(), products);
    this.vim = new VimScore(baselines.vim());
    this.sirc = new SircScore(baselines.sirc());
    this.mahalanobisNormalised = new NormalisedMahalanobisScore(baselines.mahalanobisNormalised());
  }

  static ComponentScorer of(EncoderBundle bundle, DotProducts products) {
    Map<ScoreName, HiddenEncoder> encoders = new EnumMap<>(ScoreName.class);
    for (ScoreName score : SCORES) {
      if (score.isEncoderLikelihood()) {
        encoders.put(score, bundle.encoder(score));
      }
    }
    return new ComponentScorer(bundle.width(), bundle.numClasses(), encoders, Baselines.of(bundle), products);
  }

  /**
   * Every score but {@link ScoreName#PRIMARY} of each sample, a row indexed by
   * {@link ScoreName#ordinal()} whose primary slot is left 0. Encoder likelihoods and the Gaussian
   * density are evaluated at the predicted class, as in the paper's eq. 5. The k-NN distances of
   * the whole batch come from one search ({@link KnnScore#scores}); the rest is row by row.
   *
   * @throws IllegalArgumentException if the vectors have the wrong length or a score is not finite
   *     (which only non-finite inputs can cause)
   */
  double[][] scores(double[][] hidden, double[][] logits) {
    return scores(hidden, logits, EVERY);
  }

  /**
   * The same for the scores {@code computed} marks (by ordinal) only; the others' slots are set to
   * NaN, for the caller to leave out.
   */
  double[][] scores(double[][] hidden, double[][] logits, boolean[] computed) {
    for (int i = 0; i < hidden.length; i++) {
      if (hidden[i].length != width || logits[i].length != numClasses) {
        throw new IllegalArgumentException(
            "expected a hidden vector of " + width + " and " + numClasses + " logits, found " + hidden[i].length + " and "
                + logits[i].length);
      }
    }
    double[] knnScores = computed[ScoreName.KNN.ordinal()] ? knn.scores(hidden) : null;
    double[][] out = new double[hidden.length][SCORES.length];
    for (int i = 0; i < hidden.length; i++) {
      if (knnScores != null) {
        out[i][ScoreName.KNN.ordinal()] = knnScores[i];
      }
      scoreRow(hidden[i], logits[i], out[i], computed);
    }
    return out;
  }

  /** Every computed score of one sample but the k-NN one, already in {@code out}. */
  private void scoreRow(double[] hidden, double[] logits, double[] out, boolean[] computed) {
    int predicted = SoftmaxScores.predicted(logits);
    out[ScoreName.SOFTMAX.ordinal()] = SoftmaxScores.maxSoftmax(logits);
    for (ScoreName score : SCORES) {
      if (score.isEncoderLikelihood() && computed[score.ordinal()]) {
        out[score.ordinal()] = encoders[score.ordinal()].logLikelihood(hidden, predicted);
      }
    }
    out[ScoreName.ENERGY.ordinal()] = energy.score(logits);
    if (computed[ScoreName.MAHALANOBIS.ordinal()] || computed[ScoreName.RELATIVE_MAHALANOBIS.ordinal()]) {
      double mahalanobisScore = mahalanobis.score(hidden);
      out[ScoreName.MAHALANOBIS.ordinal()] = mahalanobisScore;
      // the class part of the relative distance is the Mahalanobis score just computed
      out[ScoreName.RELATIVE_MAHALANOBIS.ordinal()] = relativeMahalanobis.score(hidden, mahalanobisScore);
    }
    if (computed[ScoreName.GAUSSIAN.ordinal()]) {
      out[ScoreName.GAUSSIAN.ordinal()] = gaussian.score(hidden, predicted);
    }
    out[ScoreName.MAX_LOGIT.ordinal()] = SoftmaxScores.maxLogit(logits);
    out[ScoreName.DOCTOR.ordinal()] = DoctorScore.score(logits);
    if (computed[ScoreName.VIM.ordinal()] || computed[ScoreName.SIRC.ordinal()]) {
      // one residual norm for both: ViM's virtual logit and SIRC's feature score S₂ = −||x^{P⊥}||
      double residual = vim.residualNorm(hidden);
      out[ScoreName.VIM.ordinal()] = vim.scoreFromResidual(logits, residual);
      out[ScoreName.SIRC.ordinal()] = sirc.score(logits, -residual);
    }
    if (computed[ScoreName.MAHALANOBIS_NORMALISED.ordinal()]) {
      out[ScoreName.MAHALANOBIS_NORMALISED.ordinal()] = mahalanobisNormalised.score(hidden);
    }
    for (ScoreName score : SCORES) {
      if (score == ScoreName.PRIMARY) {
        continue;
      }
      if (computed[score.ordinal()]) {
        requireFinite(score, out[score.ordinal()]);
      } else {
        out[score.ordinal()] = Double.NaN;
      }
    }
  }

  /** Scores of a whole batch, one column per score but the primary. */
  Map<ScoreName, double[]> scoreAll(ModelOutputs outputs) {
    double[][] rows = scores(outputs.hidden(), outputs.logits());
    Map<ScoreName, double[]> columns = new EnumMap<>(ScoreName.class);
    for (ScoreName score : SCORES) {
      if (score != ScoreName.PRIMARY) {
        double[] column = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          column[i] = rows[i][score.ordinal()];
        }
        columns.put(score, column);
      }
    }
    return columns;
  }

  private static boolean[] every() {
    boolean[] every = new boolean[SCORES.length];
    Arrays.fill(every, true);
    return every;
  }

  static void requireFinite(ScoreName score, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(score.key() + " score is " + value + " for a non-finite input");
    }
  }
}
