package io.penultimate.bundle;

import io.penultimate.encoder.BetaEncoder;
import io.penultimate.encoder.BetaGeneralEncoder;
import io.penultimate.encoder.BinomialEncoder;
import io.penultimate.encoder.GaussianMixtureEncoder;
import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.encoder.PooledMixtureEncoder;
import io.penultimate.encoder.TrinomialEncoder;
import io.penultimate.evaluation.IsotonicMap;
import io.penultimate.measure.NodeStatistics;
import io.penultimate.model.InputTransform;
import io.penultimate.score.ClassGaussianModel;
import io.penultimate.score.KnnModel;
import io.penultimate.score.MahalanobisModel;
import io.penultimate.score.RelativeMahalanobisModel;
import io.penultimate.score.SircModel;
import io.penultimate.score.VimModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the scorer needs, fitted offline by {@link BundleFitter} and immutable afterwards:
 * every encoder family, the baseline score models, per-node training statistics, OOD thresholds,
 * calibration maps, the primary score and the three answers every event carries ({@link Answers}),
 * with the settings and provenance that produced them.
 * The constructor checks every cross-field invariant and names what it found and expected.
 */
public record EncoderBundle(
    int formatVersion,
    Provenance provenance,
    InputTransform inputTransform,
    int width,
    List<String> classNames,
    FitSettings settings,
    BinomialEncoder binomial,
    TrinomialEncoder trinomial,
    BetaEncoder beta,
    BetaGeneralEncoder betaGeneral,
    GaussianMixtureEncoder gmm,
    PooledMixtureEncoder pooledGmm,
    MahalanobisModel mahalanobis,
    ClassGaussianModel gaussian,
    RelativeMahalanobisModel relativeMahalanobis,
    KnnModel knn,
    VimModel vim,
    SircModel sirc,
    MahalanobisModel mahalanobisNormalised,
    PrimaryScore primary,
    Answers answers,
    List<NodeStatistics> nodes,
    Map<ScoreName, Double> oodThresholds,
    Map<ScoreName, IsotonicMap> calibration,
    Map<String, Double> goodnessOfFit) {

  /**
   * 5: {@code mahalanobisNormalised}, the Mahalanobis model of the L2-normalised training vectors
   * (and its score's threshold and calibration map); fitted on training data, so older files are
   * refused as for version 4.
   * 4: the baseline models {@code relativeMahalanobis}, {@code knn}, {@code vim} and {@code sirc}
   * (and thresholds and calibration maps for their scores); they are fitted on training data, so
   * {@link BundleJson} cannot upgrade an older file and refuses it, naming the fix.
   * 3: {@code inputTransform}, the preprocessing every input goes through before the model
   * ({@code fit --input-scale/--input-mean/--input-std}).
   * 2: {@code provenance.hiddenLayer} names the layer read (a String), so scoring reads the layer
   * the bundle was fitted on. 1: the model's default layer index, whatever layer was read.
   */
  public static final int FORMAT_VERSION = 5;

  public EncoderBundle {
    requirePresent(provenance, "provenance");
    requirePresent(inputTransform, "inputTransform");
    requirePresent(classNames, "classNames");
    requirePresent(settings, "settings");
    requirePresent(binomial, "binomial");
    requirePresent(trinomial, "trinomial");
    requirePresent(beta, "beta");
    requirePresent(betaGeneral, "betaGeneral");
    requirePresent(gmm, "gmm");
    requirePresent(pooledGmm, "pooledGmm");
    requirePresent(mahalanobis, "mahalanobis");
    requirePresent(gaussian, "gaussian");
    requirePresent(relativeMahalanobis, "relativeMahalanobis");
    requirePresent(knn, "knn");
    requirePresent(vim, "vim");
    requirePresent(sirc, "sirc");
    requirePresent(mahalanobisNormalised, "mahalanobisNormalised");
    requirePresent(primary, "primary");
    requirePresent(answers, "answers");
    requirePresent(nodes, "nodes");
    requirePresent(oodThresholds, "oodThresholds");
    requirePresent(calibration, "calibration");
    requirePresent(goodnessOfFit, "goodnessOfFit");
    classNames = List.copyOf(classNames);
    nodes = List.copyOf(nodes);
    oodThresholds = new EnumMap<>(oodThresholds);
    calibration = new EnumMap<>(calibration);
    goodnessOfFit = Map.copyOf(goodnessOfFit);
    List<String> problems = new ArrayList<>();
    if (formatVersion != FORMAT_VERSION) {
      problems.add("format version " + formatVersion + " is not supported, expected " + FORMAT_VERSION);
    }
    int classes = classNames.size();
    for (HiddenEncoder encoder : List.of(binomial, trinomial, beta, betaGeneral, gmm)) {
      if (encoder.width() != width || encoder.numClasses() != classes) {
        problems.add(encoder.family() + " encoder has width " + encoder.width() + " and " + encoder.numClasses()
            + " classes, expected " + width + " and " + classes);
      }
    }
    if (pooledGmm.width() != width) {
      problems.add("pooled mixture has width " + pooledGmm.width() + ", expected " + width);
    }
    if (mahalanobis.dimension() != width || mahalanobis.numClasses() != classes) {
      problems.add("mahalanobis model has dimension " + mahalanobis.dimension() + ", expected " + width);
    }
    if (mahalanobisNormalised.dimension() != width || mahalanobisNormalised.numClasses() != classes) {
      problems.add("mahalanobisNormalised model has dimension " + mahalanobisNormalised.dimension() + ", expected " + width);
    }
    if (gaussian.dimension() != width || gaussian.numClasses() != classes) {
      problems.add("gaussian model has dimension " + gaussian.dimension() + ", expected " + width);
    }
    if (relativeMahalanobis.dimension() != width) {
      problems.add("relativeMahalanobis model has dimension " + relativeMahalanobis.dimension() + ", expected " + width);
    }
    if (knn.dimension() != width) {
      problems.add("knn model has dimension " + knn.dimension() + ", expected " + width);
    }
    if (vim.dimension() != width) {
      problems.add("vim model has dimension " + vim.dimension() + ", expected " + width);
    }
    if (nodes.size() != width) {
      problems.add("node statistics cover " + nodes.size() + " nodes, expected " + width);
    }
    if (nodes.stream().anyMatch(node -> node.bins() == null)) {
      problems.add("node statistics lack the training bins that drift is measured against (fitted by an older version: run fit again)");
    }
    for (ScoreName score : ScoreName.values()) {
      if (!oodThresholds.containsKey(score) || !Double.isFinite(oodThresholds.get(score))) {
        problems.add("OOD threshold of " + score.key() + " is missing or not finite");
      }
      if (!calibration.containsKey(score)) {
        problems.add("calibration of " + score.key() + " is missing");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid encoder bundle: " + String.join("; ", problems));
    }
  }

  private static void requirePresent(Object part, String name) {
    if (part == null) {
      throw new IllegalArgumentException("invalid encoder bundle: " + name + " is missing (refit with 'penultimate fit')");
    }
  }

  public int numClasses() {
    return classNames.size();
  }

  /** The encoder behind an eq. 5 likelihood score. */
  public HiddenEncoder encoder(ScoreName score) {
    return switch (score) {
      case BINOMIAL -> binomial;
      case TRINOMIAL -> trinomial;
      case BETA -> beta;
      case BETA_GENERAL -> betaGeneral;
      case GMM -> gmm;
      default -> throw new IllegalArgumentException(score.key() + " is not an encoder likelihood");
    };
  }
}
