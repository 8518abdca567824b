package io.penultimate.stream;

import io.penultimate.bundle.ScoreName;

/**
 * What the scorer emits beside the scores.
 *
 * @param nodeEncoder the encoder family whose per-node log-density ranks {@code lowestNodes}
 * @param lowestNodes how many of the least likely nodes to report
 */
public record ScoringSettings(ScoreName nodeEncoder, int lowestNodes, String modelVersion, String encoderVersion) {
  public ScoringSettings {
    if (!nodeEncoder.isEncoderLikelihood()) {
      throw new IllegalArgumentException("node encoder must be an encoder family (binomial, trinomial, beta, betaGeneral, gmm), found " + nodeEncoder.key());
    }
    if (lowestNodes < 0) {
      throw new IllegalArgumentException("lowestNodes must be >= 0, found " + lowestNodes);
    }
  }
}
