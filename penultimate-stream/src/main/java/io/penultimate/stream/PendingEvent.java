package io.penultimate.stream;

import java.util.Map;

/** What the monitor keeps of a scored event until its label arrives (or retention ends). */
record PendingEvent(int predicted, Map<String, Double> scores, long scoredAtMs) {}
