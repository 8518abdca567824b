package io.penultimate.stream;

import java.util.Map;

/**
 * What the monitor keeps of a scored event until its label arrives (or retention ends).
 * {@code answers} is null in entries written before events carried their answers.
 */
record PendingEvent(int predicted, Map<String, Double> scores, EventAnswers answers, long scoredAtMs) {}
