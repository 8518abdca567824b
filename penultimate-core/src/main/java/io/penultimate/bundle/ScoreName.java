package io.penultimate.bundle;

import java.util.Arrays;

/** Every confidence score the bundle computes, under the key used in JSON output and metrics. */
public enum ScoreName {
  SOFTMAX("softmax"),
  BINOMIAL("binomial"),
  TRINOMIAL("trinomial"),
  BETA("beta"),
  BETA_GENERAL("betaGeneral"),
  GMM("gmm"),
  ENERGY("energy"),
  MAHALANOBIS("mahalanobis"),
  GAUSSIAN("gaussian"),
  MAX_LOGIT("maxLogit"),
  DOCTOR("doctor"),
  RELATIVE_MAHALANOBIS("relativeMahalanobis"),
  KNN("knn"),
  VIM("vim"),
  SIRC("sirc"),
  MAHALANOBIS_NORMALISED("mahalanobisNormalised"),
  /** Last: it is computed from the others (see {@link ConfidenceScorer}). */
  PRIMARY("primary");

  private final String key;

  ScoreName(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  /** The key, so that JSON maps keyed by score read {@code "softmax"}, not {@code "SOFTMAX"}. */
  @Override
  public String toString() {
    return key;
  }

  public static ScoreName byKey(String key) {
    return Arrays.stream(values())
        .filter(s -> s.key.equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown score '" + key + "', expected one of " + Arrays.toString(keys())));
  }

  public static String[] keys() {
    return Arrays.stream(values()).map(ScoreName::key).toArray(String[]::new);
  }

  /** The scores that are the paper's eq. 5 log-likelihood under one encoder family. */
  public boolean isEncoderLikelihood() {
    return this == BINOMIAL || this == TRINOMIAL || this == BETA || this == BETA_GENERAL || this == GMM;
  }
}
