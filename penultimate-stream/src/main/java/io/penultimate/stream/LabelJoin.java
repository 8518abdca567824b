package io.penultimate.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins a label to its scored event by id (the labels topic is co-partitioned with the events
 * topic, so both land in the same task and share the stores) and forwards the outcome.
 *
 * <p>A label that finds no scored event is held, in the held-labels store, for a grace period: its
 * event may still be in the batch buffer, or not read yet (the two topics are read independently,
 * and a label produced in the same millisecond as its event may be read first). The event picks
 * its label up when it is scored. A label still unmatched after the grace (unknown id, a
 * duplicate, or later than the retention) goes to the dead-letter topic with that reason.
 *
 * <p>The grace is measured in the events' record time, not only on the wall clock: a label expires
 * once the grace has passed since it was held and the task has read an event stamped more than the
 * grace after the label. A task that is behind on its events (restoring after a failover, catching
 * up a backlog) therefore keeps its labels until it has read the events they wait for; on the wall
 * clock alone a failover dead-lettered a fifth of the labels (README, Faults). Should the events
 * stop altogether, held labels expire after the label retention. At most
 * {@link LabelTiming#maxHeld()} labels are held: a storm of labels for unknown ids at a high rate
 * would otherwise grow the store, in memory, for a whole grace period; beyond the bound the oldest
 * held label is dead-lettered and counted as dropped. Scored events that wait for a label longer
 * than the retention are dropped. Part of {@link ScoringProcessor}, which owns the task's stores.
 */
final class LabelJoin {
  static final Duration EVICTION_INTERVAL = Duration.ofMinutes(1);

  private final EventParser parser;
  private final LabelTiming timing;
  private final MonitorObserver observer;
  private final ProcessorContext<String, byte[]> context;
  private final KeyValueStore<String, byte[]> pending;
  private final KeyValueStore<String, byte[]> held;
  /**
   * Held ids in the order they were held, so expiry looks only at the oldest instead of reading
   * the whole store each time (a stream of labels for unknown ids can hold many). Rebuilt from the
   * store on start; an id joined since stays here until its turn and is then skipped.
   */
  private final ArrayDeque<HeldId> holdOrder = new ArrayDeque<>();
  /** Entries in the held store: holdOrder may also list ids joined since. */
  private int heldCount;

  private record HeldId(String id, long timestamp, long heldAtMs) {}

  LabelJoin(EventParser parser, LabelTiming timing, MonitorObserver observer, ProcessorContext<String, byte[]> context,
      KeyValueStore<String, byte[]> pending, KeyValueStore<String, byte[]> held) {
    this.parser = parser;
    this.timing = timing;
    this.observer = observer;
    this.context = context;
    this.pending = pending;
    this.held = held;
    List<HeldId> restored = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = held.all()) {
      all.forEachRemaining(entry -> {
        HeldLabel label = HeldLabel.decode(entry.value);
        restored.add(new HeldId(entry.key, label.timestamp(), label.heldAtMs()));
      });
    }
    restored.sort(Comparator.comparingLong(HeldId::heldAtMs));
    holdOrder.addAll(restored);
    heldCount = restored.size();
  }

  /** How often held labels are checked against the grace. */
  Duration expiryInterval() {
    Duration half = timing.grace().dividedBy(2);
    return half.compareTo(Duration.ofSeconds(1)) < 0 ? half : Duration.ofSeconds(1);
  }

  /** Joins the label to its pending event, or holds it; dead-letters it if invalid or a duplicate. */
  void process(Record<String, byte[]> record) {
    EventParser.Label label;
    try {
      label = parser.parseLabel(record.value());
      ScoringProcessor.requireKeyIsId(record.key(), label.id());
    } catch (InvalidEventException e) {
      DeadLetters.forward(context, record, e.getMessage());
      observer.label(MonitorObserver.LabelOutcome.INVALID);
      return;
    }
    // get before delete: the label of an event still in the batch buffer finds nothing pending, and
    // deleting an absent key still logs a tombstone (one more changelog record per labelled event)
    byte[] stored = pending.get(label.id());
    if (stored != null) {
      pending.delete(label.id());
      PendingEvent event = PendingEvent.decode(stored);
      forward(Outcome.of(label.id(), event.predicted(), label.label(), event.scores(), event.answers(), record.timestamp()));
    } else if (held.get(label.id()) != null) {
      DeadLetters.forward(context, record, "a label for id '" + Reasons.excerpt(label.id()) + "' is already waiting for its event (duplicate label)");
      observer.label(MonitorObserver.LabelOutcome.UNMATCHED);
    } else {
      // a loop, not an if: a restart with a lower --max-held-labels finds more held than the bound
      while (heldCount >= timing.maxHeld() && dropOldestHeld()) {
        // dropOldestHeld made room for one
      }
      DeadLetters.Origin origin = context.recordMetadata().map(DeadLetters.Origin::of).orElse(null);
      HeldLabel waiting = new HeldLabel(label.label(), record.timestamp(), context.currentSystemTimeMs(), record.value(), origin);
      held.put(label.id(), waiting.encode());
      holdOrder.addLast(new HeldId(label.id(), waiting.timestamp(), waiting.heldAtMs()));
      heldCount++;
    }
  }

  /** Makes room for one more held label: the oldest still held goes to the dead letters. False if none is held. */
  private boolean dropOldestHeld() {
    while (!holdOrder.isEmpty()) {
      HeldId oldest = holdOrder.removeFirst();
      HeldLabel label = stillHeld(oldest);
      if (label != null) {
        release(oldest.id());
        deadLetter(oldest.id(), label, "the held-label store is full (--max-held-labels " + timing.maxHeld()
            + "): the oldest held label, for id '" + Reasons.excerpt(oldest.id()) + "', was dropped to make room",
            MonitorObserver.LabelOutcome.DROPPED);
        return true;
      }
    }
    return false;
  }

  /** The label {@code id} names if it is still the one held under its id, else null (joined, or held again since). */
  private HeldLabel stillHeld(HeldId id) {
    byte[] stored = held.get(id.id());
    HeldLabel label = stored == null ? null : HeldLabel.decode(stored);
    return label != null && label.heldAtMs() == id.heldAtMs() ? label : null;
  }

  private void release(String id) {
    held.delete(id);
    heldCount--;
  }

  /**
   * Settles a just-scored event's held label, if any: joined when the event waits for one,
   * dead-lettered as a duplicate when the event carried its own. True if the event needs no more.
   */
  boolean settleHeld(ScoredEvent scored) {
    // get before delete: deleting an absent key from a cached store still logs a tombstone
    byte[] stored = held.get(scored.id());
    if (stored == null) {
      return scored.label() != null;
    }
    release(scored.id());
    HeldLabel label = HeldLabel.decode(stored);
    if (scored.label() != null) {
      deadLetter(scored.id(), label, "the event for id '" + Reasons.excerpt(scored.id()) + "' carried its own label (duplicate label)",
          MonitorObserver.LabelOutcome.UNMATCHED);
    } else {
      forward(Outcome.of(scored.id(), scored.predicted(), label.label(), scored.scores(), EventAnswers.of(scored), label.timestamp()));
    }
    return true;
  }

  /**
   * Whether the oldest held label is due: held for longer than the grace, and either the task has
   * read events stamped more than the grace after it, or it has been held for the label retention.
   * Only the oldest is looked at: labels are held in the order of their partition, so their stamps
   * rise with it (a label stamped far ahead of the others delays the expiry of those after it).
   *
   * @param eventsReadUpTo the latest record timestamp of the events this task has read
   */
  boolean anyDue(long now, long eventsReadUpTo) {
    if (holdOrder.isEmpty()) {
      return false;
    }
    HeldId oldest = holdOrder.peekFirst();
    long heldFor = now - oldest.heldAtMs();
    long grace = timing.grace().toMillis();
    return heldFor > grace && (eventsReadUpTo - oldest.timestamp() > grace || heldFor > timing.retention().toMillis());
  }

  /**
   * Dead-letters the held labels that are due ({@link #anyDue}). The caller scores its buffered
   * events first, so that no label expires while its event waits in the buffer.
   */
  void expireHeld(long now, long eventsReadUpTo) {
    while (anyDue(now, eventsReadUpTo)) {
      HeldId oldest = holdOrder.removeFirst();
      // null: joined since; or held again since, and its own entry in the queue expires it
      HeldLabel label = stillHeld(oldest);
      if (label != null) {
        release(oldest.id());
        deadLetter(oldest.id(), label, "no scored event waiting for id '" + Reasons.excerpt(oldest.id()) + "' within the label grace of "
            + timing.grace().toMillis() + " ms (unknown id, duplicate label, or older than the label retention)",
            MonitorObserver.LabelOutcome.UNMATCHED);
      }
    }
  }

  /** Drops scored events that waited for their label longer than the retention. */
  void evictPending(long now) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        if (now - PendingEvent.scoredAtMs(entry.value) > timing.retention().toMillis()) {
          expired.add(entry.key);
        }
      }
    }
    expired.forEach(pending::delete);
    observer.labelsExpired(expired.size());
  }

  private void deadLetter(String id, HeldLabel label, String reason, MonitorObserver.LabelOutcome outcome) {
    DeadLetters.forward(context, new Record<>(id, label.value(), label.timestamp()), reason, label.origin());
    observer.label(outcome);
  }

  private void forward(Outcome outcome) {
    context.forward(new Record<>(outcome.id(), HotJson.write(outcome), outcome.timestamp()), MonitorTopology.OUTCOMES_SINK);
    observer.label(MonitorObserver.LabelOutcome.JOINED);
  }
}
