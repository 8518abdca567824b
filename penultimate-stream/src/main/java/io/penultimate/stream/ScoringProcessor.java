package io.penultimate.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates each event, buffers it, and scores buffered events in batches: one forward pass costs
 * about as much for hundreds of events as for one.
 *
 * <p>The buffer is a changelogged, cached state store, not a Java list. Kafka Streams flushes
 * store caches before every commit, so under exactly-once the events still buffered at a commit
 * reach the changelog in the same transaction as the input offsets that consumed them: a crash
 * loses nothing, the store is restored and flushed on restart. Events put and deleted between two
 * commits (the common case: a batch fills or the linger punctuation fires first) reach the
 * changelog only as a tombstone (the cache writes deletions through too), not as the event's body,
 * so the guarantee costs little.
 *
 * <p>Results go to the scores sink; an event that carries its label also becomes an outcome, the
 * others wait in the pending store for their label. Events that cannot be scored go, with the
 * reason, to the dead-letter sink. Each processor instance (one per stream task) gets its own
 * {@link EventScorer}, hence its own network.
 *
 * <p>Labels come to this processor too ({@link LabelJoin}): a label whose event is still in the
 * buffer (or not read yet) is held, in a changelogged store, and joined when the event is scored.
 */
final class ScoringProcessor implements Processor<String, byte[], String, byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
  private final Supplier<EventScorer> scorers;
  private final EventParser parser;
  private final BatchSettings batch;
  private final String labelsTopic;
  private final LabelTiming labelTiming;
  private final MonitorObserver observer;
  private ProcessorContext<String, byte[]> context;
  private EventScorer scorer;
  private LabelJoin labels;
  private KeyValueStore<String, byte[]> pending;
  private KeyValueStore<Long, byte[]> buffer;
  /**
   * The buffered events as parsed, beside their copies in the store: a flush scores these rather
   * than reading the store back and decoding it. The store's keys run from {@code firstKey} to
   * {@code nextKey}, since every flush empties it.
   */
  private final List<InputEvent> batchEvents = new ArrayList<>();
  private long firstKey;
  private long nextKey;
  /**
   * The latest record timestamp of the events read: the clock of the label grace. -1 before the
   * first (Kafka refuses negative timestamps), and not Long.MIN_VALUE, which the grace arithmetic
   * would overflow.
   */
  private long eventsReadUpTo = -1;

  ScoringProcessor(
      Supplier<EventScorer> scorers, EventParser parser, BatchSettings batch, String labelsTopic, LabelTiming labelTiming,
      MonitorObserver observer) {
    this.scorers = scorers;
    this.parser = parser;
    this.batch = batch;
    this.labelsTopic = labelsTopic;
    this.labelTiming = labelTiming;
    this.observer = observer;
  }

  /**
   * Called again on the same instance when Kafka Streams recycles its task (active to standby and
   * back, with standby replicas). So the batch is read from the store afresh, never kept from the
   * instance's previous turn: the events buffered when the task left were scored by the instance
   * that had it meanwhile, and keeping them scored them twice (issue 13's chaos runs).
   */
  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    // one network per instance, not one more for every recycling of its task
    if (scorer == null) {
      scorer = scorers.get();
    }
    this.pending = context.getStateStore(MonitorTopology.PENDING_STORE);
    this.buffer = context.getStateStore(MonitorTopology.BUFFER_STORE);
    batchEvents.clear();
    nextKey = 0;
    eventsReadUpTo = -1;
    try (KeyValueIterator<Long, byte[]> restored = buffer.all()) {
      boolean first = true;
      while (restored.hasNext()) {
        KeyValue<Long, byte[]> entry = restored.next();
        firstKey = first ? entry.key : firstKey;
        first = false;
        nextKey = entry.key + 1;
        batchEvents.add(decodeBuffered(entry.value));
      }
    }
    firstKey = batchEvents.isEmpty() ? nextKey : firstKey;
    if (!batchEvents.isEmpty()) {
      LOG.info("task {} resumes with {} buffered events (keys {}..{}): {} .. {}", context.taskId(), batchEvents.size(), firstKey,
          nextKey - 1, batchEvents.get(0).id(), batchEvents.get(batchEvents.size() - 1).id());
    }
    context.schedule(batch.linger(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    labels = new LabelJoin(parser, labelTiming, observer, context, pending, context.getStateStore(MonitorTopology.HELD_LABELS_STORE));
    context.schedule(labels.expiryInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireHeldLabels);
    context.schedule(LabelJoin.EVICTION_INTERVAL, PunctuationType.WALL_CLOCK_TIME, labels::evictPending);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    if (labelsTopic.equals(context.recordMetadata().map(RecordMetadata::topic).orElse(null))) {
      labels.process(record);
    } else {
      processEvent(record);
    }
  }

  private void processEvent(Record<String, byte[]> record) {
    eventsReadUpTo = Math.max(eventsReadUpTo, record.timestamp());
    InputEvent event;
    try {
      event = parser.parse(record.value(), record.timestamp());
      requireKeyIsId(record.key(), event.id());
    } catch (InvalidEventException e) {
      DeadLetters.forward(context, record, e.getMessage());
      observer.eventRejected(e.rejection());
      return;
    }
    buffer.put(nextKey++, BinaryEvent.encode(event));
    batchEvents.add(event);
    if (batchEvents.size() >= batch.size()) {
      flush();
    }
  }

  /**
   * An event keyed by something other than its id is refused: its label, keyed by id, lands in the
   * partition of the id, so the two would meet in different tasks and never join. A record without
   * a key is accepted, as it always was: on a topic of one partition it meets its label anyway.
   */
  static void requireKeyIsId(String key, String id) throws InvalidEventException {
    if (key != null && !key.equals(id)) {
      throw new InvalidEventException(InvalidEventException.Cause.KEY_MISMATCH, "the record key '" + Reasons.excerpt(key)
          + "' is not the id '" + Reasons.excerpt(id) + "': key events and labels by their id, so that they meet in one task");
    }
  }

  /** Dead-letters the held labels that are due, once the buffered events (theirs among them, maybe) are scored. */
  private void expireHeldLabels(long now) {
    if (labels.anyDue(now, eventsReadUpTo)) {
      flush();
      labels.expireHeld(now, eventsReadUpTo);
    }
  }

  private void flush() {
    if (batchEvents.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    ScoredBatch scored = scorer.scoreBatch(List.copyOf(batchEvents));
    observer.batchScored(scored, System.nanoTime() - start);
    scored.events().forEach(this::emit);
    for (long key = firstKey; key < nextKey; key++) {
      buffer.delete(key);
    }
    firstKey = nextKey;
    batchEvents.clear();
  }

  private static InputEvent decodeBuffered(byte[] bytes) {
    try {
      return BinaryEvent.decode(bytes);
    } catch (InvalidEventException e) {
      throw new IllegalStateException("batch buffer store holds a corrupt entry: " + e.getMessage(), e);
    }
  }

  private void emit(ScoredEvent scored) {
    context.forward(new Record<>(scored.id(), HotJson.write(scored), scored.timestamp()), MonitorTopology.SCORES_SINK);
    if (scored.label() != null) {
      Outcome outcome = Outcome.of(scored.id(), scored.predicted(), scored.label(), scored.scores(), EventAnswers.of(scored), scored.timestamp());
      context.forward(new Record<>(scored.id(), HotJson.write(outcome), scored.timestamp()), MonitorTopology.OUTCOMES_SINK);
    }
    if (!labels.settleHeld(scored)) {
      pending.put(scored.id(),
          new PendingEvent(scored.predicted(), scored.scores(), EventAnswers.of(scored), context.currentSystemTimeMs()).encode());
    }
  }
}
