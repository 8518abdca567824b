/**
 * Numerical building blocks with no knowledge of networks or scores: one-dimensional Gaussian
 * mixtures, logistic regression, percentiles. Uses only the JDK and commons-math3; every other
 * package may use it.
 */
package io.penultimate.math;
