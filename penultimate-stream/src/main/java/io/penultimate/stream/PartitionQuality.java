package io.penultimate.stream;

import io.penultimate.evaluation.WindowSummary;
import java.util.List;

/**
 * What one quality task publishes for the merge: the summaries of its partition's count and time
 * windows, whose columns are {@code columns} ({@link QualityColumns#aurocKeys}). Small and of fixed
 * size, so merging grows with the partitions, not the outcomes.
 */
record PartitionQuality(int partition, List<String> columns, WindowSummary count, WindowSummary time) {
  PartitionQuality {
    columns = List.copyOf(columns);
  }
}
