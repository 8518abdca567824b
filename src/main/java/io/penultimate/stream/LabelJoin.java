package io.penultimate.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins a late label to its scored event by id (the labels topic is co-partitioned with the
 * events topic, so both land in the same task and share the pending store) and forwards the
 * outcome. A label whose event is still in the batch buffer is held in the early-labels store and
 * joined when the batch is scored. A label with no event (unknown id, a duplicate, or later than
 * the retention) goes to the dead-letter topic with that reason. Pending events older than the
 * retention are dropped by {@link #evict}. Part of {@link ScoringProcessor}, which owns the
 * task's stores.
 */
final class LabelJoin {
  static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);

  private final EventParser parser;
  private final Duration retention;
  private final MonitorObserver observer;
  private final ProcessorContext<String, byte[]> context;
  private final KeyValueStore<String, byte[]> pending;
  private final KeyValueStore<String, byte[]> early;

  /** A label that arrived while its event was still buffered. */
  record EarlyLabel(int label, long timestamp) {}

  LabelJoin(EventParser parser, Duration retention, MonitorObserver observer, ProcessorContext<String, byte[]> context,
      KeyValueStore<String, byte[]> pending, KeyValueStore<String, byte[]> early) {
    this.parser = parser;
    this.retention = retention;
    this.observer = observer;
    this.context = context;
    this.pending = pending;
    this.early = early;
  }

  /** The label the record holds, or null once an invalid record has been dead-lettered. */
  EventParser.Label parse(Record<String, byte[]> record) {
    try {
      return parser.parseLabel(record.value());
    } catch (InvalidEventException e) {
      DeadLetters.forward(context, record, e.getMessage());
      observer.label(MonitorObserver.LabelOutcome.INVALID);
      return null;
    }
  }

  /** Forwards the outcome if the label's event is pending; false (and nothing done) if not. */
  boolean join(Record<String, byte[]> record, EventParser.Label label) {
    byte[] stored = pending.delete(label.id());
    if (stored == null) {
      return false;
    }
    PendingEvent event = Json.read(stored, PendingEvent.class);
    forward(new Outcome(label.id(), event.predicted(), label.label(), event.scores(), record.timestamp()));
    return true;
  }

  /** Holds the label of a buffered event until it is scored; false if one is held already. */
  boolean hold(Record<String, byte[]> record, EventParser.Label label) {
    if (early.get(label.id()) != null) {
      return false;
    }
    early.put(label.id(), Json.write(new EarlyLabel(label.label(), record.timestamp())));
    return true;
  }

  /** Joins a just-scored event to its held label, if one is; false if none is. */
  boolean joinHeld(ScoredEvent scored) {
    byte[] stored = early.delete(scored.id());
    if (stored == null) {
      return false;
    }
    EarlyLabel label = Json.read(stored, EarlyLabel.class);
    forward(new Outcome(scored.id(), scored.predicted(), label.label(), scored.scores(), label.timestamp()));
    return true;
  }

  private void forward(Outcome outcome) {
    context.forward(new Record<>(outcome.id(), Json.write(outcome), outcome.timestamp()), MonitorTopology.OUTCOMES_SINK);
    observer.label(MonitorObserver.LabelOutcome.JOINED);
  }

  void rejectUnmatched(Record<String, byte[]> record, EventParser.Label label) {
    DeadLetters.forward(context, record,
        "no scored event waiting for id '" + label.id() + "' (unknown id, duplicate label, or older than the label retention)");
    observer.label(MonitorObserver.LabelOutcome.UNMATCHED);
  }

  void evict(long now) {
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
