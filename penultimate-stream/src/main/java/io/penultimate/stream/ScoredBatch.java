package io.penultimate.stream;

import java.util.List;

/**
 * One forward pass worth of results: the scored events and, row for row, the hidden vectors and
 * each node's log-density under the predicted class (what per-node monitoring needs and the
 * output record only summarises).
 */
public record ScoredBatch(List<ScoredEvent> events, double[][] hidden, double[][] nodeLogDensity) {}
