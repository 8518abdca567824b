/**
 * Baseline confidence scores computed from logits or hidden vectors, with their fitters and fitted
 * models: max softmax and MaxLogit, energy, DOCTOR, Mahalanobis distance with a shared covariance,
 * Relative Mahalanobis, the per-class Gaussian, deep k-nearest neighbours, ViM (with the final
 * linear layer it recovers from the logits, {@code LinearHead}) and SIRC. Uses math and
 * commons-math3 (Cholesky, symmetric eigen-decomposition, SVD).
 */
package io.penultimate.score;
