/**
 * The Deeplearning4j model runtime: architecture recipes, seeded training with early stopping, the
 * model file (any DL4J zip ModelSerializer wrote, with our metadata when train wrote it), what a
 * network's input is (InputShape), and HiddenProbe, which reads the last hidden layer and the
 * logits of a batch. The core model port is implemented by ModelFile.Loaded (a LoadedModel) and
 * Dl4jProbe (a Probe whose stream tasks each probe their own copy of the network). Depends on the
 * core model package and DL4J/ND4J; nothing else may use DL4J.
 */
package io.penultimate.dl4j;
