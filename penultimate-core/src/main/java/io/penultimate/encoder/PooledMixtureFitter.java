package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;
import java.util.stream.IntStream;

/**
 * Fits a {@link PooledMixtureEncoder}: one EM fit ({@link HistogramEm}) per node over the values
 * of all samples, whatever their class. Nodes are fitted in parallel, deterministically (each
 * result depends only on its node's values).
 */
public record PooledMixtureFitter(MixtureSettings settings) {

  public PooledMixtureFitter {
    Checks.present("settings", settings);
  }

  /** k = 10 components per node, the paper's choice; other settings at their defaults. */
  public static PooledMixtureFitter defaults() {
    return new PooledMixtureFitter(MixtureSettings.withComponents(MixtureSettings.POOLED_COMPONENTS));
  }

  public PooledMixtureEncoder fit(HiddenSamples samples) {
    HistogramEm em = new HistogramEm(settings);
    GaussianMixture1D[] mixtures = new GaussianMixture1D[samples.width()];
    IntStream.range(0, mixtures.length).parallel().forEach(node -> mixtures[node] = em.fit(samples.values(node)));
    return new PooledMixtureEncoder(samples.width(), MixtureTable.of(mixtures));
  }
}
