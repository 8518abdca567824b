/**
 * The offline pipeline on a real model: training a recipe on a data set, probing splits through
 * the network once each, fitting and evaluating the bundle, the CSV export and the fit benchmark.
 * Uses the core, data and the DL4J runtime; no Kafka.
 */
package io.penultimate.experiment;
