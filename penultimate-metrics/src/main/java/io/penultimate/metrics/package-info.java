/**
 * Micrometer binders that observe the monitor's results at the edge (events, dead letters,
 * latency, calibrated scores, rolling quality, per-node drift, Kafka client and JVM metrics) and
 * the HTTP endpoint serving /metrics and /health. Implements the stream package's MonitorObserver;
 * the scoring core never sees a registry.
 */
package io.penultimate.metrics;
