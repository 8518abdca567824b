package io.penultimate.bundle;

import io.penultimate.encoder.BetaEncoder;
import io.penultimate.encoder.BetaFitter;
import io.penultimate.encoder.BetaGeneralFitter;
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
import io.penultimate.evaluation.IsotonicMap;
import io.penultimate.evaluation.IsotonicRegression;
import io.penultimate.evaluation.OodMetrics;
import io.penultimate.measure.NodeStatistics;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.ClassGaussianFitter;
import io.penultimate.score.MahalanobisFitter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 *   <li>the primary score's density: the density score that best separates the validation correct
 *       predictions from synthetic outliers (validation images with their pixels shuffled, which
 *       keeps their intensity histogram and destroys their shape); no real OOD data is used.
 * </ul>
 */
public final class BundleFitter {
  public static final double OOD_TPR = 0.95;
  public static final double PRIMARY_ALPHA = 0.05;
  public static final double RIDGE = 1e-6;
  private static final ScoreName[] DENSITY_CANDIDATES = {
    ScoreName.BINOMIAL, ScoreName.TRINOMIAL, ScoreName.BETA, ScoreName.BETA_GENERAL,
    ScoreName.GMM, ScoreName.MAHALANOBIS, ScoreName.GAUSSIAN
  };

  private BundleFitter() {}

  public static EncoderBundle fit(
      LabeledOutputs train, LabeledOutputs validation, ModelOutputs syntheticOutliers, List<String> classNames, Provenance provenance) {
    int classes = classNames.size();
    LabeledOutputs correct = train.correctOnly();
    HiddenSamples samples = new HiddenSamples(correct.outputs().hidden(), correct.labels(), classes);
    int[] predicted = validation.outputs().predicted();
    boolean[] right = validation.correct();
    List<SettingChoice> choices = new ArrayList<>();

    double smoothing =
        choose("smoothing", FitSettings.SMOOTHING_CANDIDATES, s -> new TrinomialFitter(TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, s), samples, validation, predicted, right, choices);
    double epsilon = choose("betaEpsilon", FitSettings.EPSILON_CANDIDATES, BetaFitter::new, samples, validation, predicted, right, choices);
    int components =
        (int) choose("gmmComponents", FitSettings.COMPONENT_CANDIDATES, k -> new GaussianMixtureFitter(MixtureSettings.withComponents((int) k)), samples, validation, predicted, right, choices);

    TrinomialEncoder trinomial = new TrinomialFitter(TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, smoothing).fit(samples);
    BetaEncoder beta = new BetaFitter(epsilon).fit(samples);
    GaussianMixtureEncoder gmm = new GaussianMixtureFitter(MixtureSettings.withComponents(components)).fit(samples);
    PooledMixtureEncoder pooled = PooledMixtureFitter.defaults().fit(samples);
    GoodnessOfFit fit = GoodnessOfFit.defaults();

    EncoderBundle provisional =
        new EncoderBundle(
            EncoderBundle.FORMAT_VERSION,
            provenance,
            samples.width(),
            classNames,
            new FitSettings(smoothing, TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, epsilon, components,
                MixtureSettings.POOLED_COMPONENTS, RIDGE, OOD_TPR, PRIMARY_ALPHA, choices),
            new BinomialFitter(BinomialFitter.DEFAULT_THRESHOLD, smoothing).fit(samples),
            trinomial,
            beta,
            new BetaGeneralFitter(epsilon).fit(samples),
            gmm,
            pooled,
            new MahalanobisFitter(RIDGE).fit(samples.hidden(), samples.classes(), classes),
            new ClassGaussianFitter(RIDGE).fit(samples.hidden(), samples.classes(), classes),
            new PrimaryScore(ScoreName.MAHALANOBIS, PRIMARY_ALPHA, new double[] {0}),
            NodeStatistics.of(samples.hidden(), NodeStatistics.PAPER_LOW, NodeStatistics.PAPER_HIGH),
            placeholders(0.0),
            placeholders(new IsotonicMap(new double[] {0}, new double[] {0})),
            Map.of(
                "gmmPerClass", fit.meanRSquared(samples, gmm).meanRSquared(),
                "gmmPooled", fit.meanRSquared(samples, pooled).meanRSquared()));

    Map<ScoreName, double[]> validationScores = new ConfidenceScorer(provisional).scoreAll(validation.outputs());
    Map<ScoreName, double[]> outlierScores = new ConfidenceScorer(provisional).scoreAll(syntheticOutliers);
    PrimaryScore primary = choosePrimary(validationScores, outlierScores, right, choices);
    double[] primaryColumn = validationScores.get(ScoreName.PRIMARY);
    for (int i = 0; i < primaryColumn.length; i++) {
      primaryColumn[i] = primary.score(validationScores.get(ScoreName.SOFTMAX)[i], validationScores.get(primary.density())[i]);
    }

    Map<ScoreName, Double> thresholds = new EnumMap<>(ScoreName.class);
    Map<ScoreName, IsotonicMap> calibration = new EnumMap<>(ScoreName.class);
    for (ScoreName score : ScoreName.values()) {
      double[] column = validationScores.get(score);
      thresholds.put(score, OodMetrics.thresholdAtTpr(select(column, right), OOD_TPR));
      calibration.put(score, IsotonicRegression.fit(column, right));
    }
    return new EncoderBundle(
        provisional.formatVersion(),
        provenance,
        provisional.width(),
        classNames,
        new FitSettings(smoothing, TrinomialFitter.DEFAULT_LOW, TrinomialFitter.DEFAULT_HIGH, epsilon, components,
            MixtureSettings.POOLED_COMPONENTS, RIDGE, OOD_TPR, PRIMARY_ALPHA, choices),
        provisional.binomial(),
        trinomial,
        beta,
        provisional.betaGeneral(),
        gmm,
        pooled,
        provisional.mahalanobis(),
        provisional.gaussian(),
        primary,
        provisional.nodes(),
        thresholds,
        calibration,
        provisional.goodnessOfFit());
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

  private static PrimaryScore choosePrimary(
      Map<ScoreName, double[]> validation, Map<ScoreName, double[]> outliers, boolean[] right, List<SettingChoice> choices) {
    double[] aurocs = new double[DENSITY_CANDIDATES.length];
    int best = 0;
    for (int c = 0; c < DENSITY_CANDIDATES.length; c++) {
      double[] inliers = select(validation.get(DENSITY_CANDIDATES[c]), right);
      double[] out = outliers.get(DENSITY_CANDIDATES[c]);
      aurocs[c] = Auroc.of(concat(inliers, out), positivesThenNegatives(inliers.length, out.length));
      if (aurocs[c] > aurocs[best]) {
        best = c;
      }
    }
    double[] ordinals = new double[DENSITY_CANDIDATES.length];
    for (int c = 0; c < ordinals.length; c++) {
      ordinals[c] = DENSITY_CANDIDATES[c].ordinal();
    }
    choices.add(new SettingChoice("primaryDensity (score ordinal; AUROC vs shuffled-pixel outliers)", ordinals, aurocs, ordinals[best]));
    ScoreName density = DENSITY_CANDIDATES[best];
    return new PrimaryScore(density, PRIMARY_ALPHA, select(validation.get(density), right));
  }

  private static <T> Map<ScoreName, T> placeholders(T value) {
    Map<ScoreName, T> map = new EnumMap<>(ScoreName.class);
    for (ScoreName score : ScoreName.values()) {
      map.put(score, value);
    }
    return map;
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

  private static boolean bothClasses(boolean[] labels) {
    boolean anyTrue = false;
    boolean anyFalse = false;
    for (boolean b : labels) {
      anyTrue |= b;
      anyFalse |= !b;
    }
    return anyTrue && anyFalse;
  }

  static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static boolean[] positivesThenNegatives(int positives, int negatives) {
    boolean[] out = new boolean[positives + negatives];
    java.util.Arrays.fill(out, 0, positives, true);
    return out;
  }
}
