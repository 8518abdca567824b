package io.penultimate.stream;

import io.penultimate.bundle.ConfidenceScorer;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The monitor's topology, a pure factory that tests drive directly.
 *
 * <pre>
 *   events ──► score (batch buffer store) ──► scores
 *   labels ──►   │  └──► dead letters (with the reason)
 *                ├──► outcomes (events that carry their label; labels joined to pending events)
 *                └──► pending store (scored events waiting for their label)
 *   outcomes ──► quality (rolling AUROC per score, accuracy; window store) ──► quality
 * </pre>
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
  static final String PENDING_STORE = "pending-labels";
  static final String QUALITY_STORE = "quality-window";
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
    Topology topology = new Topology();
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

    topology.addSource(OUTCOMES_SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.outcomes());
    topology.addProcessor(QUALITY_PROCESSOR, () -> new QualityProcessor(windows, scorer, observer), OUTCOMES_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(QUALITY_STORE), Serdes.Long(), Serdes.ByteArray()),
        QUALITY_PROCESSOR);
    topology.addSink(QUALITY_SINK, topics.quality(), new StringSerializer(), new ByteArraySerializer(), QUALITY_PROCESSOR);
    return topology;
  }
}
