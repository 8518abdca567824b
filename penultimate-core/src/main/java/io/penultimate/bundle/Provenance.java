package io.penultimate.bundle;

/** Where a bundle came from: the model it reads, the data, and the software that fitted it. */
public record Provenance(
    String modelSha256,
    String dataset,
    String arch,
    long seed,
    int hiddenLayer,
    String createdAt,
    String penultimateVersion,
    String dl4jVersion,
    String javaVersion) {}
