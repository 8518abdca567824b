/**
 * The offline pipeline on a real model: probing splits through the model once each, fitting and
 * evaluating the bundle, the CSV export and the fit benchmark. Uses the core (models only through
 * its model port, LoadedModel and Probe, whatever the runtime) and data; no model runtime, no Kafka.
 */
package io.penultimate.experiment;
