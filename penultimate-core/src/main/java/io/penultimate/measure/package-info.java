/**
 * Information measures of single hidden nodes, as the paper defines them: mutual information, task
 * variance, hidden bias, mixture entropy, node statistics and their drift (decile bins, population
 * stability index, rolling statistics). Uses math and commons-math3.
 */
package io.penultimate.measure;
