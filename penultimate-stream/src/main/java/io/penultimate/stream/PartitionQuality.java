package io.penultimate.stream;

import io.penultimate.evaluation.WindowSummary;

/**
 * What one quality task publishes for the merge: the summaries of its partition's count and time
 * windows. Small and of fixed size, so merging grows with the partitions, not the outcomes.
 */
record PartitionQuality(int partition, WindowSummary count, WindowSummary time) {}
