package io.penultimate.stream;

import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.InvalidEventException.Cause;
import java.util.List;
import java.util.Map;

/**
 * What the processors report as they go, for live metrics. Calls happen on stream threads and are
 * not covered by exactly-once: a record reprocessed after a crash is reported twice. The state
 * stores, not these calls, are the source of truth.
 */
public interface MonitorObserver {
  MonitorObserver NONE = new MonitorObserver() {};

  /** One observer that passes every call to each of {@code observers}, in order. */
  static MonitorObserver all(MonitorObserver... observers) {
    return new CompositeObserver(List.of(observers));
  }

  /** A batch went through the network and the scorer in {@code nanos}. */
  default void batchScored(ScoredBatch batch, long nanos) {}

  /** An input event was dead-lettered. */
  default void eventRejected(Cause cause) {}

  /** A late label was joined to its event, or could not be. */
  default void label(LabelOutcome outcome) {}

  /** Pending events dropped because no label came within the retention. */
  default void labelsExpired(int count) {}

  /**
   * A labelled outcome entered its partition's rolling windows. The outcome carries its event's
   * answers (recomputed from its scores when it was stored without them). {@code calibrated} holds
   * each score's P(correct) by the bundle's isotonic map: the values the rolling ECE was just
   * computed from, handed over so that no observer calibrates again. They live in memory only; the
   * outcomes topic carries the raw scores.
   */
  default void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {}

  /**
   * The cluster-wide rolling quality, merged from every partition's windows, changed. Called on
   * the one instance that runs the merge task.
   */
  default void quality(QualitySnapshot merged) {}

  /** The merge task left this instance (rebalance or shutdown): its last merged quality is stale. */
  default void qualityElsewhere() {}

  /** How a label record ended. */
  enum LabelOutcome {
    JOINED("joined"),
    UNMATCHED("unmatched"),
    INVALID("invalid"),
    /** Held for its event when the held-label store was full, and the oldest: dead-lettered to make room. */
    DROPPED("dropped");

    private final String key;

    LabelOutcome(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }
}
