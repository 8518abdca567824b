/**
 * The per-node, per-class encoders of the last hidden layer (binomial, trinomial, Beta B(a, 1-a),
 * general Beta, Gaussian mixtures per class and pooled), each an immutable fitted value beside the
 * fitter that makes it, with the goodness of fit of the mixtures. Uses math and commons-math3;
 * serialisation lives in the bundle package.
 */
package io.penultimate.encoder;
