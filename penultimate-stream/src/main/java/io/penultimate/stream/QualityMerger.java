package io.penultimate.stream;

import io.penultimate.evaluation.MergedQuality;
import io.penultimate.evaluation.WindowSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The cluster-wide rolling quality: keeps the latest {@link PartitionQuality} of every partition
 * (a changelogged store keyed by partition) and, on each new one, emits the {@link QualitySnapshot}
 * of their union ({@link MergedQuality}). Summaries over other columns than its own (published
 * while the monitor served other scores) are ignored. It reads one single-partition topic, so one task merges,
 * and its work per summary grows with the number of partitions only.
 */
final class QualityMerger implements Processor<String, byte[], String, byte[]> {
  private final QualityColumns columns;
  private final MonitorObserver observer;
  private final Map<Integer, PartitionQuality> latest = new TreeMap<>();
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<Integer, byte[]> store;

  QualityMerger(QualityColumns columns, MonitorObserver observer) {
    this.columns = columns;
    this.observer = observer;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.store = context.getStateStore(MonitorTopology.MERGE_STORE);
    // a recycled task initialises this instance again: only the store says what is current
    latest.clear();
    try (KeyValueIterator<Integer, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<Integer, byte[]> entry = all.next();
        PartitionQuality kept = Json.read(entry.value, PartitionQuality.class);
        // kept while the monitor served other scores: the partition's next summary replaces it
        if (kept.columns().equals(columns.aurocKeys())) {
          latest.put(entry.key, kept);
        }
      }
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    PartitionQuality summary = Json.read(record.value(), PartitionQuality.class);
    if (!summary.columns().equals(columns.aurocKeys())) {
      // published before a restart with other --scores, still in the repartition topic
      return;
    }
    store.put(summary.partition(), record.value());
    latest.put(summary.partition(), summary);
    QualitySnapshot merged = QualitySnapshot.of(columns, merge(PartitionQuality::count), merge(PartitionQuality::time));
    context.forward(new Record<String, byte[]>(null, Json.write(merged), record.timestamp()));
    observer.quality(merged);
  }

  private MergedQuality merge(Function<PartitionQuality, WindowSummary> window) {
    List<WindowSummary> parts = latest.values().stream().map(window).toList();
    return new MergedQuality(columns.size(), parts);
  }

  @Override
  public void close() {
    observer.qualityElsewhere();
  }
}
