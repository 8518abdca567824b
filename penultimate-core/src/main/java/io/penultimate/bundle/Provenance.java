package io.penultimate.bundle;

import java.util.OptionalLong;

/**
 * Where a bundle came from: the model it reads, the data, and the software that fitted it.
 *
 * @param seed the model's training seed, empty for a model not trained by {@code penultimate train}
 * @param hiddenLayer the layer the encoders were fitted on, as the probe names it: a layer index
 *     ("1") or a graph vertex name ("dense_2"); scoring reads this layer again
 */
public record Provenance(
    String modelSha256,
    String dataset,
    String arch,
    OptionalLong seed,
    String hiddenLayer,
    String createdAt,
    String penultimateVersion,
    String dl4jVersion,
    String javaVersion) {

  public Provenance {
    if (hiddenLayer == null || hiddenLayer.isBlank()) {
      throw new IllegalArgumentException(
          "provenance must name the hidden layer the bundle was fitted on, found " + (hiddenLayer == null ? "none" : "'" + hiddenLayer + "'")
              + " (refit with 'penultimate fit')");
    }
  }
}
