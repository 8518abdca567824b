package io.penultimate.encoder;

/**
 * Fits one encoder family from hidden samples. Implementations hold validated settings and are
 * deterministic: the same samples give the same encoder, whatever the thread scheduling.
 */
public interface EncoderFitter<E extends HiddenEncoder> {
  E fit(HiddenSamples samples);
}
