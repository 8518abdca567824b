package io.penultimate.stream;

import io.penultimate.bundle.ConfidenceScorer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The monitor's topology, a pure factory that tests drive directly.
 *
 * <pre>
 *   events ──► score (batch buffer store) ──► scores
 *   labels ──►   │  └──► dead letters (with the reason)
 *                ├──► outcomes (events that carry their label; labels joined to pending events)
 *                └──► pending store (scored events waiting for their label)
 *   outcomes ──► quality, one task per partition (rolling windows; window store)
 *                  │ every publish interval: the partition's window summaries
 *                  ▼
 *   summaries (internal, 1 partition) ──► merge (latest summary per partition) ──► quality
 * </pre>
 *
 * The quality stage grows with the outcomes topic's partitions: each task keeps the exact windows
 * of its own partition, and the one merge task handles a fixed-size summary per partition and
 * interval whatever the outcome rate. The summaries topic is a repartition topic, which Kafka
 * Streams creates (prefixed with the application id) and purges as it commits.
 *
 * Values are read as raw bytes so that no deserialisation error can stop the stream: a malformed
 * event is the scorer's to reject, with a reason.
 */
public final class MonitorTopology {
  static final String SOURCE = "events";
  static final String LABELS_SOURCE = "labels";
  static final String OUTCOMES_SOURCE = "outcomes-in";
  static final String PROCESSOR = "score";
  static final String QUALITY_PROCESSOR = "quality";
  static final String SCORES_SINK = "scores";
  static final String DEAD_LETTER_SINK = "dead-letters";
  static final String OUTCOMES_SINK = "outcomes";
  static final String QUALITY_SINK = "quality-out";
  static final String SUMMARIES = "quality-summaries";
  static final String MERGE_PROCESSOR = "quality-merge";
  static final String PENDING_STORE = "pending-labels";
  static final String QUALITY_STORE = "quality-window";
  static final String MERGE_STORE = "quality-partitions";
  static final String BUFFER_STORE = "batch-buffer";
  static final String HELD_LABELS_STORE = "held-labels";

  private MonitorTopology() {}

  public static Topology build(
      Topics topics,
      EventParser parser,
      ConfidenceScorer scorer,
      Supplier<EventScorer> scorers,
      BatchSettings batch,
      LabelTiming labelTiming,
      QualityWindows windows,
      MonitorObserver unguarded) {
    MonitorObserver observer = new GuardedObserver(unguarded);
    Topology topology = qualityStage(topics, scorer, windows, observer);
    topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    topology.addSource(LABELS_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.labels());
    topology.addProcessor(
        PROCESSOR, () -> new ScoringProcessor(scorers, parser, batch, topics.labels(), labelTiming, observer),
        SOURCE, LABELS_SOURCE);
    // cached: entries buffered and scored between two commits reach the changelog as tombstones only
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(BUFFER_STORE), Serdes.Long(), Serdes.ByteArray()).withCachingEnabled(),
        PROCESSOR);
    // labels waiting for their event: held for the label grace (seconds), so in memory and cached
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(HELD_LABELS_STORE), Serdes.String(), Serdes.ByteArray()).withCachingEnabled(),
        PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(), Serdes.ByteArray()),
        PROCESSOR);
    topology.addSink(SCORES_SINK, topics.scores(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
    topology.addSink(DEAD_LETTER_SINK, topics.deadLetters(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
    topology.addSink(OUTCOMES_SINK, topics.outcomes(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
    return topology;
  }

  /**
   * The quality stage alone, from the outcomes topic to the quality topic: {@link #build} adds the
   * rest to it, and {@code bench quality} measures it. In the DSL, for its repartition topic.
   */
  public static Topology qualityStage(Topics topics, ConfidenceScorer scorer, QualityWindows windows, MonitorObserver observer) {
    StreamsBuilder builder = new StreamsBuilder();
    // cached: a block of outcomes put again after each outcome reaches the changelog once per commit
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUALITY_STORE), Serdes.Long(), Serdes.ByteArray()).withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MERGE_STORE), Serdes.Integer(), Serdes.ByteArray()));
    builder.stream(topics.outcomes(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(OUTCOMES_SOURCE))
        .process(() -> new QualityProcessor(windows, scorer, observer), Named.as(QUALITY_PROCESSOR), QUALITY_STORE)
        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(SUMMARIES).withNumberOfPartitions(1))
        .process(() -> new QualityMerger(new QualityColumns(scorer.selection()), observer), Named.as(MERGE_PROCESSOR), MERGE_STORE)
        .to(topics.quality(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(QUALITY_SINK));
    return builder.build();
  }
}
