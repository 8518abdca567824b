package io.penultimate.stream;

import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Scores each event and forwards the result to the scores sink, or, when the event cannot be
 * scored, forwards the original bytes to the dead-letter sink with the reason in a header. An
 * event that carries its label becomes an outcome at once; the others wait in the pending store
 * for their label. Each processor instance (one per stream task) gets its own {@link
 * EventScorer}, hence its own network.
 */
final class ScoringProcessor implements Processor<String, byte[], String, byte[]> {
  private final Supplier<EventScorer> scorers;
  private final EventParser parser;
  private ProcessorContext<String, byte[]> context;
  private EventScorer scorer;
  private KeyValueStore<String, byte[]> pending;

  ScoringProcessor(Supplier<EventScorer> scorers, EventParser parser) {
    this.scorers = scorers;
    this.parser = parser;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.scorer = scorers.get();
    this.pending = context.getStateStore(MonitorTopology.PENDING_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    ScoredEvent scored;
    try {
      InputEvent event = parser.parse(record.value(), record.timestamp());
      scored = scorer.score(List.of(event)).get(0);
    } catch (InvalidEventException | IllegalArgumentException e) {
      DeadLetters.forward(context, record, e.getMessage());
      return;
    }
    context.forward(record.withKey(scored.id()).withValue(Json.write(scored)), MonitorTopology.SCORES_SINK);
    if (scored.label() != null) {
      Outcome outcome = new Outcome(scored.id(), scored.predicted(), scored.label(), scored.scores());
      context.forward(record.withKey(scored.id()).withValue(Json.write(outcome)), MonitorTopology.OUTCOMES_SINK);
    } else {
      pending.put(scored.id(), Json.write(new PendingEvent(scored.predicted(), scored.scores(), context.currentSystemTimeMs())));
    }
  }
}
