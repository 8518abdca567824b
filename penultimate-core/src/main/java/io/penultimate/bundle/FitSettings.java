package io.penultimate.bundle;

import java.util.List;

/**
 * The numeric settings a bundle was fitted with. Values that move results (smoothing, the Beta
 * clip ε, the mixture size) are chosen on the validation split, never on test data; {@code
 * choices} records each choice.
 *
 * @param smoothing additive pseudo-count per bin of the binomial and trinomial encoders
 * @param betaEpsilon activations are clamped to [ε, 1-ε] by both Beta encoders
 * @param gmmComponents mixture components per node per class
 * @param pooledComponents mixture components per node over all classes (the paper's 10)
 * @param ridge covariance regularisation of the Mahalanobis and Gaussian scores, relative to the trace
 * @param oodTpr share of the validation split's correct predictions kept above each OOD threshold
 * @param knnK the neighbour whose distance is the k-NN score (Sun et al.'s k = 50; fewer when fewer
 *     vectors are stored)
 * @param knnCap most training vectors the k-NN model stores, a uniform sample of them when there
 *     are more
 * @param knnSeed seed of that sample
 * @param vimDimension ViM's principal dimension D (see {@code VimFitter.principalDimension})
 */
public record FitSettings(
    double smoothing,
    double trinomialLow,
    double trinomialHigh,
    double betaEpsilon,
    int gmmComponents,
    int pooledComponents,
    double ridge,
    double oodTpr,
    int knnK,
    int knnCap,
    long knnSeed,
    int vimDimension,
    List<SettingChoice> choices) {

  public static final double[] SMOOTHING_CANDIDATES = {0.01, 0.1, 1, 10};
  public static final double[] EPSILON_CANDIDATES = {1e-6, 1e-4, 1e-3, 1e-2};
  public static final double[] COMPONENT_CANDIDATES = {2, 3, 4};

  public FitSettings {
    choices = List.copyOf(choices);
  }
}
