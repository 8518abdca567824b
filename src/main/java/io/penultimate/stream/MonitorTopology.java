package io.penultimate.stream;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The monitor's topology, a pure factory that tests drive directly: events (key = event id, value
 * = JSON bytes) → scoring → scores topic, or → dead-letter topic with the reason. Values are read
 * as raw bytes so that no deserialisation error can stop the stream: a malformed event is the
 * scorer's to reject, with a reason.
 */
public final class MonitorTopology {
  static final String SOURCE = "events";
  static final String PROCESSOR = "score";
  static final String SCORES_SINK = "scores";
  static final String DEAD_LETTER_SINK = "dead-letters";

  private MonitorTopology() {}

  public static Topology build(Topics topics, EventParser parser, Supplier<EventScorer> scorers) {
    Topology topology = new Topology();
    topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.events());
    topology.addProcessor(PROCESSOR, () -> new ScoringProcessor(scorers, parser), SOURCE);
    topology.addSink(SCORES_SINK, topics.scores(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
    topology.addSink(DEAD_LETTER_SINK, topics.deadLetters(), new StringSerializer(), new ByteArraySerializer(), PROCESSOR);
    return topology;
  }
}
