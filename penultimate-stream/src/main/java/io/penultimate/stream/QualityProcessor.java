package io.penultimate.stream;

import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.QualityWindow;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the latest outcomes in a changelogged store (keyed by a sequence number) and, from them,
 * two {@link QualityWindow}s: the last N labelled events, and those of the last T (by outcome
 * timestamp, at most a capacity). Emits a {@link QualitySnapshot} per outcome. The store is the
 * source of truth: after a restart both windows are rebuilt from it, so the rolling AUROC carries
 * on where it was.
 */
final class QualityProcessor implements Processor<String, byte[], String, byte[]> {
  private static final ScoreName[] SCORES = ScoreName.values();

  private final QualitySettings settings;
  private final ConfidenceScorer scorer;
  private final MonitorObserver observer;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<Long, byte[]> outcomes;
  private QualityWindow count;
  private QualityWindow time;
  private long next;

  QualityProcessor(QualitySettings settings, ConfidenceScorer scorer, MonitorObserver observer) {
    this.settings = settings;
    this.scorer = scorer;
    this.observer = observer;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.outcomes = context.getStateStore(MonitorTopology.QUALITY_STORE);
    count = new QualityWindow(SCORES.length, settings.window(), null);
    time = new QualityWindow(SCORES.length, settings.timeWindowCapacity(), settings.timeWindow());
    try (KeyValueIterator<Long, byte[]> all = outcomes.all()) {
      while (all.hasNext()) {
        KeyValue<Long, byte[]> entry = all.next();
        include(Json.read(entry.value, Outcome.class));
        next = entry.key + 1;
      }
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Outcome outcome = Json.read(record.value(), Outcome.class);
    outcomes.put(next, record.value());
    long oldest = next - settings.storedOutcomes();
    if (oldest >= 0) {
      // deleting a key that was never written would still log a tombstone
      outcomes.delete(oldest);
    }
    next++;
    Map<ScoreName, Double> calibrated = include(outcome);
    QualitySnapshot snapshot = QualitySnapshot.of(count, time);
    context.forward(record.withValue(Json.write(snapshot)), MonitorTopology.QUALITY_SINK);
    observer.outcome(outcome, calibrated, snapshot);
  }

  /**
   * Adds the outcome to both windows. Returns each score's calibrated P(correct), computed here once
   * for the rolling ECE and for the observer's calibrated-score histograms.
   */
  private Map<ScoreName, Double> include(Outcome outcome) {
    double[] raw = new double[SCORES.length];
    double[] calibrated = new double[SCORES.length];
    Map<ScoreName, Double> byScore = new EnumMap<>(ScoreName.class);
    for (ScoreName score : SCORES) {
      raw[score.ordinal()] = outcome.scores().get(score.key());
      calibrated[score.ordinal()] = scorer.calibrated(score, raw[score.ordinal()]);
      byScore.put(score, calibrated[score.ordinal()]);
    }
    count.add(outcome.timestamp(), raw, calibrated, outcome.correct());
    time.add(outcome.timestamp(), raw, calibrated, outcome.correct());
    return Collections.unmodifiableMap(byScore);
  }
}
