package io.penultimate.model;



/**
 * Runs the model on a batch of inputs. Implementations hold a network, which is not thread-safe:
 * the topology asks its supplier for one instance per stream task, never shares one.
 */
@FunctionalInterface
public interface Inference {
  ModelOutputs run(float[][] batch);
}
