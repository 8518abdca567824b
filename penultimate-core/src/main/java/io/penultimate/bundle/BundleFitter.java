package io.penultimate.bundle;

import io.penultimate.math.DotProducts;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.encoder.BetaEncoder;
import io.penultimate.encoder.BetaFitter;
import io.penultimate.encoder.BetaGeneralEncoder;
import io.penultimate.encoder.BetaGeneralFitter;
import io.penultimate.encoder.BinomialEncoder;
import io.penultimate.encoder.BinomialFitter;
import io.penultimate.encoder.EncoderFitter;
import io.penultimate.encoder.GaussianMixtureEncoder;
import io.penultimate.encoder.GaussianMixtureFitter;
import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.encoder.HiddenSamples;
import io.penultimate.encoder.MixtureSettings;
import io.penultimate.encoder.PooledMixtureEncoder;
import io.penultimate.encoder.PooledMixtureFitter;
import io.penultimate.encoder.TrinomialEncoder;
import io.penultimate.encoder.TrinomialFitter;
import io.penultimate.evaluation.Auroc;
import io.penultimate.evaluation.DeLong;
import io.penultimate.evaluation.IsotonicMap;
import io.penultimate.evaluation.IsotonicRegression;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.measure.NodeStatistics;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.math.LogisticRegression;
import io.penultimate.score.ClassGaussianFitter;
import io.penultimate.score.ClassGaussianModel;
import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnModel;
import io.penultimate.score.MahalanobisFitter;
import io.penultimate.score.MahalanobisModel;
import io.penultimate.score.NormalisedMahalanobisScore;
import io.penultimate.score.RelativeMahalanobisFitter;
import io.penultimate.score.RelativeMahalanobisModel;
import io.penultimate.score.SircFitter;
import io.penultimate.score.SircModel;
import io.penultimate.score.SoftmaxScores;
import io.penultimate.score.VimFitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * Fits an {@link EncoderBundle}: encoders on the training split's correct predictions (as the
 * paper does), every choice that moves results on the validation split, never on test data.
 *
 * <ul>
 *   <li>smoothing, Beta ε and the mixture size: the candidate with the highest validation AUROC
 *       of its likelihood at telling correct from wrong predictions;
 *   <li>OOD thresholds: the score that keeps {@code oodTpr} of the validation correct predictions;
 *   <li>calibration: isotonic regression of correctness on each score over the validation split;
 *   <li>the primary score (see {@link PrimaryScore}): its logistic regression and density tails on
 *       the validation split, and its gate α as the largest candidate whose validation AUROC
 *       stays within one DeLong standard error of the best single score's, so the gate buys
 *       out-of-distribution detection at no significant cost in misclassification detection;
 *       no out-of-distribution data is used;
 *   <li>the three answers, on the same validation scores (see {@link AnswersFitter}).
 * </ul>
 *
 * <p>The baseline models are fitted on the same training correct predictions as the encoders:
 * Mahalanobis, the per-class Gaussian and Relative Mahalanobis's background Gaussian on their hidden
 * vectors, normalised Mahalanobis on the same vectors scaled to unit length, k-NN on at most
 * {@link #KNN_CAP} of them (a seeded uniform sample), ViM on their hidden vectors and logits, and
 * SIRC's gate on ViM's residual norms of the same vectors. ViM recovers the
 * final layer from the logits by least squares; when the layer read does not feed the model's final
 * linear layer (a {@code --hidden-layer} further back) the logits are not affine in it, and ViM and
 * SIRC use the affine map that best explains them instead of failing the fit, with
 * {@code vim.headResidual} recording how far from affine the logits were (below 1e-3 when exact).
 */
public final class BundleFitter {
  public static final double OOD_TPR = 0.95;
  public static final double[] ALPHA_CANDIDATES = {0, 0.001, 0.005, 0.01, 0.02, 0.05};
  /** L2 penalty of the primary score's logistic regression, per sample. */
  public static final double PRIMARY_L2 = 1e-3;
  public static final double RIDGE = 1e-6;
  public static final int KNN_K = KnnFitter.DEFAULT_K;
  public static final int KNN_CAP = KnnFitter.DEFAULT_CAP;
  public static final long KNN_SEED = KnnFitter.DEFAULT_SEED;
  /** ViM's principal dimension by the paper's rule, and any head (see the class comment). */
  static final VimFitter VIM = new VimFitter(VimFitter.AUTOMATIC, Double.POSITIVE_INFINITY);
  /**
   * Correct and wrong validation predictions needed of each: every choice is made by telling them
   * apart, and DeLong's variance of an AUROC (the primary gate's floor) needs two of each.
   */
  public static final int MIN_PER_OUTCOME = 2;

  private BundleFitter() {}

  public static EncoderBundle fit(
      LabeledOutputs train, LabeledOutputs validation, List<String> classNames, Provenance provenance) {
    return fit(train, validation, classNames, provenance, OptionalDouble.empty());
  }

  /**
   * @param primaryAlpha the primary score's gate level, if the user sets it (trading spotting
   *     wrong predictions for spotting out-of-distribution inputs, see {@code evaluate}'s frontier);
   *     otherwise chosen on the validation split
   */
  public static EncoderBundle fit(
      LabeledOutputs train, LabeledOutputs validation, List<String> classNames, Provenance provenance, OptionalDouble primaryAlpha) {
    return fit(train, validation, classNames, provenance, primaryAlpha, InputTransform.IDENTITY);
  }

  /**
   * @param inputTransform what the inputs went through before the model produced {@code train}
   *     and {@code validation}: recorded, so that scoring transforms its inputs the same way
   */
  public static EncoderBundle fit(
      LabeledOutputs train, LabeledOutputs validation, List<String> classNames, Provenance provenance, OptionalDouble primaryAlpha,
      InputTransform inputTransform) {
    return fit(train, validation, classNames, provenance, primaryAlpha, inputTransform, AnswerSettings.DEFAULT);
  }

  /** @param answers the OOD flag's level and the OOD share the trust assumes, both declared by the user */
  public static EncoderBundle fit(
      LabeledOutputs train, LabeledOutputs validation, List<String> classNames, Provenance provenance, OptionalDouble primaryAlpha,
      InputTransform inputTransform, AnswerSettings answers) {
    return fit(train, validation, classNames, provenance, primaryAlpha, inputTransform, answers, PlainDotProducts.INSTANCE);
  }

  /**
   * @param products the k-NN search's matrix products on the validation split: BLAS where the
   *     caller has it, since at width 512 the plain kernel costs about 13 times as much
   */
  public static EncoderBundle fit(
      LabeledOutputs train, LabeledOutputs validation, List<String> classNames, Provenance provenance, OptionalDouble primaryAlpha,
      InputTransform inputTransform, AnswerSettings answers, DotProducts products) {
    int classes = classNames.size();
    LabeledOutputs correct = train.correctOnly();
    HiddenSamples samples = new HiddenSamples(correct.outputs().hidden(), correct.labels(), classes);
    int[] predicted = validation.outputs().predicted();
    boolean[] right = validation.correct();
    requireBothOutcomes(right);
    List<SettingChoice> choices = new ArrayList<>();

    double smoothing =
        choose("smoothing", FitSettings.SMOOTHING_CANDIDATES, s -> new TrinomialFitter(TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, s), samples, validation, predicted, right, choices);
    double epsilon = choose("betaEpsilon", FitSettings.EPSILON_CANDIDATES, BetaFitter::new, samples, validation, predicted, right, choices);
    int components =
        (int) choose("gmmComponents", FitSettings.COMPONENT_CANDIDATES, k -> new GaussianMixtureFitter(MixtureSettings.withComponents((int) k)), samples, validation, predicted, right, choices);

    GaussianMixtureEncoder gmm = new GaussianMixtureFitter(MixtureSettings.withComponents(components)).fit(samples);
    PooledMixtureEncoder pooled = PooledMixtureFitter.defaults().fit(samples);
    BinomialEncoder binomial = new BinomialFitter(BinomialFitter.DEFAULT_THRESHOLD, smoothing).fit(samples);
    TrinomialEncoder trinomial = new TrinomialFitter(TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, smoothing).fit(samples);
    BetaEncoder beta = new BetaFitter(epsilon).fit(samples);
    BetaGeneralEncoder betaGeneral = new BetaGeneralFitter(epsilon).fit(samples);
    MahalanobisModel mahalanobis = new MahalanobisFitter(RIDGE).fit(samples.hidden(), samples.classes(), classes);
    ClassGaussianModel gaussian = new ClassGaussianFitter(RIDGE).fit(samples.hidden(), samples.classes(), classes);
    RelativeMahalanobisModel relativeMahalanobis = new RelativeMahalanobisFitter(RIDGE).fit(samples.hidden());
    KnnModel knn = new KnnFitter(KNN_K, KNN_CAP, KNN_SEED).fit(samples.hidden());
    VimFitter.Fitted vim = VIM.fitWithResiduals(correct.outputs().hidden(), correct.outputs().logits());
    SircModel sirc = new SircFitter().fit(Arrays.stream(vim.residualNorms()).map(r -> -r).toArray());
    MahalanobisModel mahalanobisNormalised =
        new MahalanobisFitter(RIDGE).fit(NormalisedMahalanobisScore.unitRows(samples.hidden()), samples.classes(), classes);
    ComponentScorer.Baselines baselines =
        new ComponentScorer.Baselines(mahalanobis, gaussian, relativeMahalanobis, knn, vim.model(), sirc, mahalanobisNormalised);

    // What is fitted on validation scores (the primary score, thresholds, calibration) is fitted
    // on the scores of the models above, before the bundle that holds them all exists.
    ComponentScorer parts =
        new ComponentScorer(samples.width(), classes,
            Map.of(ScoreName.BINOMIAL, binomial, ScoreName.TRINOMIAL, trinomial, ScoreName.BETA, beta,
                ScoreName.BETA_GENERAL, betaGeneral, ScoreName.GMM, gmm),
            baselines, products);
    Map<ScoreName, double[]> validationScores = parts.scoreAll(validation.outputs());
    double[] softmaxLogOdds = Arrays.stream(validation.outputs().logits()).mapToDouble(SoftmaxScores::maxLogOdds).toArray();
    PrimaryScore primary = fitPrimary(validationScores, softmaxLogOdds, right, primaryAlpha, choices);
    validationScores.put(ScoreName.PRIMARY, primary.scoreAll(softmaxLogOdds, validationScores));

    Map<ScoreName, Double> thresholds = new EnumMap<>(ScoreName.class);
    Map<ScoreName, IsotonicMap> calibration = new EnumMap<>(ScoreName.class);
    for (ScoreName score : ScoreName.values()) {
      double[] column = validationScores.get(score);
      thresholds.put(score, OodMetrics.thresholdAtTpr(select(column, right), OOD_TPR));
      calibration.put(score, IsotonicRegression.fit(column, right));
    }
    Answers fittedAnswers = AnswersFitter.fit(validationScores, softmaxLogOdds, right, answers.oodAlpha(), answers.oodShare());
    GoodnessOfFit fit = GoodnessOfFit.defaults();
    // Table 1 sets this R² beside the paper's, whose per-class mixtures have 3 components, whatever number validation chose
    GaussianMixtureEncoder paperGmm = components == MixtureSettings.PER_CLASS_COMPONENTS
        ? gmm : new GaussianMixtureFitter(MixtureSettings.withComponents(MixtureSettings.PER_CLASS_COMPONENTS)).fit(samples);
    return new EncoderBundle(
        EncoderBundle.FORMAT_VERSION,
        provenance,
        inputTransform,
        samples.width(),
        classNames,
        settings(smoothing, epsilon, components, knn.k(), vim.model().principalDimension(), choices),
        binomial,
        trinomial,
        beta,
        betaGeneral,
        gmm,
        pooled,
        mahalanobis,
        gaussian,
        relativeMahalanobis,
        knn,
        vim.model(),
        sirc,
        mahalanobisNormalised,
        primary,
        fittedAnswers,
        NodeStatistics.of(samples.hidden(), NodeStatistics.PAPER_LOW, NodeStatistics.PAPER_HIGH),
        thresholds,
        calibration,
        Map.of(
            "gmmPerClass", fit.meanRSquared(samples, paperGmm, GoodnessOfFit.Values.ALL).meanRSquared(),
            "gmmPooled", fit.meanRSquared(samples, pooled, GoodnessOfFit.Values.ALL).meanRSquared(),
            "gmmPerClassPositive", fit.meanRSquared(samples, paperGmm, GoodnessOfFit.Values.POSITIVE).meanRSquared(),
            "gmmPooledPositive", fit.meanRSquared(samples, pooled, GoodnessOfFit.Values.POSITIVE).meanRSquared()));
  }

  private static FitSettings settings(
      double smoothing, double epsilon, int components, int knnK, int vimDimension, List<SettingChoice> choices) {
    return new FitSettings(smoothing, TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, epsilon, components,
        MixtureSettings.POOLED_COMPONENTS, RIDGE, OOD_TPR, knnK, KNN_CAP, KNN_SEED, vimDimension, choices);
  }

  private static double choose(
      String setting,
      double[] candidates,
      DoubleFunction<? extends EncoderFitter<?>> fitter,
      HiddenSamples samples,
      LabeledOutputs validation,
      int[] predicted,
      boolean[] right,
      List<SettingChoice> choices) {
    double[] aurocs = new double[candidates.length];
    int best = 0;
    for (int c = 0; c < candidates.length; c++) {
      HiddenEncoder encoder = fitter.apply(candidates[c]).fit(samples);
      double[] likelihood = new double[predicted.length];
      for (int i = 0; i < predicted.length; i++) {
        likelihood[i] = encoder.logLikelihood(validation.outputs().hidden()[i], predicted[i]);
      }
      aurocs[c] = bothClasses(right) ? Auroc.of(likelihood, right) : 0.5;
      if (aurocs[c] > aurocs[best]) {
        best = c;
      }
    }
    choices.add(new SettingChoice(setting, candidates, aurocs, candidates[best]));
    return candidates[best];
  }

  private static PrimaryScore fitPrimary(
      Map<ScoreName, double[]> validation, double[] softmaxLogOdds, boolean[] right, OptionalDouble userAlpha,
      List<SettingChoice> choices) {
    double[] density = validation.get(PrimaryScore.BULK_DENSITY);
    double[][] features = new double[density.length][];
    for (int i = 0; i < density.length; i++) {
      features[i] = new double[] {softmaxLogOdds[i], density[i]};
    }
    LogisticRegression.Model bulk = LogisticRegression.fit(features, right, PRIMARY_L2);
    if (bulk.weights()[1] < 0) {
      // A typical hidden vector must never lower the confidence: refit without the density.
      LogisticRegression.Model softmaxOnly = LogisticRegression.fit(Arrays.stream(softmaxLogOdds).mapToObj(v -> new double[] {v}).toArray(double[][]::new), right, PRIMARY_L2);
      bulk = new LogisticRegression.Model(
          softmaxOnly.intercept(), new double[] {softmaxOnly.weights()[0], 0}, new double[] {softmaxOnly.means()[0], 0}, new double[] {softmaxOnly.scales()[0], 1});
    }
    List<DensityTail> gate =
        PrimaryScore.GATE_DENSITIES.stream().map(d -> DensityTail.fit(d, select(validation.get(d), right))).toList();
    DeLong.AurocEstimate bestSingle = null;
    for (ScoreName score : ScoreName.values()) {
      DeLong.AurocEstimate estimate = score == ScoreName.PRIMARY ? null : DeLong.of(validation.get(score), right);
      if (estimate != null && (bestSingle == null || estimate.auroc() > bestSingle.auroc())) {
        bestSingle = estimate;
      }
    }
    double floor = bestSingle.auroc() - Math.sqrt(bestSingle.variance());
    double[] aurocs = new double[ALPHA_CANDIDATES.length];
    double chosen = 0;
    for (int c = 0; c < ALPHA_CANDIDATES.length; c++) {
      PrimaryScore candidate = new PrimaryScore(bulk, ALPHA_CANDIDATES[c], gate);
      aurocs[c] = Auroc.of(candidate.scoreAll(softmaxLogOdds, validation), right);
      if (aurocs[c] >= floor) {
        chosen = ALPHA_CANDIDATES[c];
      }
    }
    // a user's alpha is kept as given; the choice records what validation would have picked
    choices.add(new SettingChoice("primaryAlpha", ALPHA_CANDIDATES, aurocs, chosen));
    return new PrimaryScore(bulk, userAlpha.orElse(chosen), gate);
  }

  static double[] select(double[] values, boolean[] keep) {
    int count = 0;
    for (boolean k : keep) {
      count += k ? 1 : 0;
    }
    double[] out = new double[count];
    for (int i = 0, j = 0; i < values.length; i++) {
      if (keep[i]) {
        out[j++] = values[i];
      }
    }
    return out;
  }

  /** One line naming the counts, where DeLong would fail on "positives and negatives" far from the cause. */
  private static void requireBothOutcomes(boolean[] right) {
    int correct = 0;
    for (boolean r : right) {
      correct += r ? 1 : 0;
    }
    int wrong = right.length - correct;
    if (correct < MIN_PER_OUTCOME || wrong < MIN_PER_OUTCOME) {
      throw new IllegalArgumentException("the validation split has " + correct + " correct and " + wrong
          + " wrong predictions; fitting chooses its settings and the primary score by telling them apart and needs at least "
          + MIN_PER_OUTCOME + " of each (give a larger validation set, or one with harder inputs)");
    }
  }

  private static boolean bothClasses(boolean[] labels) {
    boolean anyTrue = false;
    boolean anyFalse = false;
    for (boolean b : labels) {
      anyTrue |= b;
      anyFalse |= !b;
    }
    return anyTrue && anyFalse;
  }

}
