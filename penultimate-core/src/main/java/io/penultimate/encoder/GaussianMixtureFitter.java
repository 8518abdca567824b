package io.penultimate.encoder;

import io.penultimate.math.GaussianMixture1D;
import java.util.stream.IntStream;

/**
 * Fits a {@link GaussianMixtureEncoder}: one EM fit ({@link HistogramEm}) per (class, node).
 *
 * <p>A class without samples falls back, node by node, to the mixture fitted on the node's values
 * over all classes: the class-agnostic prior, finite wherever the other classes are.
 *
 * <p>Slots are fitted in parallel; each result depends only on its own slot's values and lands in
 * its own array cell, so the encoder is the same whatever the thread scheduling.
 */
public record GaussianMixtureFitter(MixtureSettings settings) implements EncoderFitter<GaussianMixtureEncoder> {

  public GaussianMixtureFitter {
    Checks.present("settings", settings);
  }

  /** k = 3 components per class and node, the paper's choice; other settings at their defaults. */
  public static GaussianMixtureFitter defaults() {
    return new GaussianMixtureFitter(MixtureSettings.withComponents(MixtureSettings.PER_CLASS_COMPONENTS));
  }

  @Override
  public GaussianMixtureEncoder fit(HiddenSamples samples) {
    HistogramEm em = new HistogramEm(settings);
    int width = samples.width();
    GaussianMixture1D[] mixtures = new GaussianMixture1D[samples.numClasses() * width];
    IntStream.range(0, mixtures.length).parallel().forEach(slot -> {
      double[] values = samples.values(slot % width, slot / width);
      mixtures[slot] = em.fit(values.length > 0 ? values : samples.values(slot % width));
    });
    return new GaussianMixtureEncoder(samples.numClasses(), width, MixtureTable.of(mixtures));
  }
}
