package io.penultimate.stream;

import io.penultimate.bundle.EncoderBundle;
import io.penultimate.math.DotProducts;
import io.penultimate.model.Inference;
import java.util.function.Supplier;

/**
 * What the monitor scores with.
 *
 * @param bundle the encoder bundle, checked against the model already
 * @param inputSize how many features an event carries
 * @param inferences a fresh model runtime per call: each stream task asks for its own, since a
 *     network is not thread-safe
 * @param modelVersion names the model file in every scored record
 * @param encoderVersion names the bundle file in every scored record
 * @param products the matrix product of the k-NN search, shared by every task (BLAS in the app)
 */
public record ScoringModel(
    EncoderBundle bundle, int inputSize, Supplier<Inference> inferences, String modelVersion, String encoderVersion,
    DotProducts products) {}
