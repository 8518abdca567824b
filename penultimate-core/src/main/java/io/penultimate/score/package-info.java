/**
 * Baseline confidence scores computed from logits or hidden vectors: max softmax, energy,
 * Mahalanobis distance with a shared covariance and the per-class Gaussian, with their fitters and
 * fitted models. Uses math and commons-math3.
 */
package io.penultimate.score;
