package io.penultimate.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins a late label to its scored event by id (the labels topic is co-partitioned with the
 * events topic, so both land in the same task and share the pending store) and forwards the
 * outcome. A label with no pending event (unknown id, a duplicate, or later than the retention)
 * goes to the dead-letter topic with that reason. Once a minute, pending events older than the
 * retention are dropped.
 */
final class LabelProcessor implements Processor<String, byte[], String, byte[]> {
  private static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);

  private final EventParser parser;
  private final Duration retention;
  private final MonitorObserver observer;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> pending;

  LabelProcessor(EventParser parser, Duration retention, MonitorObserver observer) {
    this.parser = parser;
    this.retention = retention;
    this.observer = observer;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.pending = context.getStateStore(MonitorTopology.PENDING_STORE);
    context.schedule(EVICTION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::evict);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    EventParser.Label label;
    try {
      label = parser.parseLabel(record.value());
    } catch (InvalidEventException e) {
      DeadLetters.forward(context, record, e.getMessage());
      observer.label(MonitorObserver.LabelOutcome.INVALID);
      return;
    }
    byte[] stored = pending.delete(label.id());
    if (stored == null) {
      DeadLetters.forward(context, record,
          "no scored event waiting for id '" + label.id() + "' (unknown id, duplicate label, or older than the label retention)");
      observer.label(MonitorObserver.LabelOutcome.UNMATCHED);
      return;
    }
    PendingEvent event = Json.read(stored, PendingEvent.class);
    Outcome outcome = new Outcome(label.id(), event.predicted(), label.label(), event.scores(), record.timestamp());
    context.forward(record.withKey(label.id()).withValue(Json.write(outcome)), MonitorTopology.OUTCOMES_SINK);
    observer.label(MonitorObserver.LabelOutcome.JOINED);
  }

  private void evict(long now) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        if (now - Json.read(entry.value, PendingEvent.class).scoredAtMs() > retention.toMillis()) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(pending::delete);
    observer.labelsExpired(expired.size());
  }
}
