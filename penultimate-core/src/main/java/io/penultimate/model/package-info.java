/**
 * What a classifier produced, as plain values: hidden activations and logits per sample
 * (ModelOutputs, LabeledOutputs), the metadata of a model file, and the model port that a runtime
 * implements (penultimate-dl4j, penultimate-onnx): LoadedModel (a model read from its file), Probe
 * (one hidden layer of it) and Inference (what a stream task runs). Depends on nothing but the JDK,
 * so every runtime and every consumer can share it.
 */
package io.penultimate.model;
