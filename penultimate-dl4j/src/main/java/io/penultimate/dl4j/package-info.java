/**
 * The Deeplearning4j model runtime: architecture recipes, seeded training with early stopping, the
 * model file (any DL4J zip ModelSerializer wrote, with our metadata when train wrote it), what a
 * network's input is (InputShape), and HiddenProbe, which reads the last hidden layer and the
 * logits of a batch and implements the core model port Inference. Depends on the core model
 * package and DL4J/ND4J; nothing else may use DL4J.
 */
package io.penultimate.dl4j;
