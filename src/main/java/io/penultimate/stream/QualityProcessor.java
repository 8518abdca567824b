package io.penultimate.stream;

import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.RollingAuroc;
import io.penultimate.evaluation.RollingCalibration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the last N outcomes in a changelogged store (keyed by a sequence number) and, from them,
 * a {@link RollingAuroc} per score, the rolling ECE of each score's calibrated P(correct) and the
 * rolling accuracy; emits a {@link QualitySnapshot} per
 * outcome. The store is the source of truth: after a restart the windows are rebuilt from it, so
 * the rolling AUROC carries on where it was.
 */
final class QualityProcessor implements Processor<String, byte[], String, byte[]> {
  private final int window;
  private final MonitorObserver observer;
  private final ConfidenceScorer scorer;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<Long, byte[]> outcomes;
  private final Map<ScoreName, RollingAuroc> aurocs = new EnumMap<>(ScoreName.class);
  private final Map<ScoreName, RollingCalibration> calibrations = new EnumMap<>(ScoreName.class);
  private final ArrayDeque<Boolean> correct = new ArrayDeque<>();
  private int correctCount;
  private long next;

  QualityProcessor(int window, ConfidenceScorer scorer, MonitorObserver observer) {
    this.window = window;
    this.scorer = scorer;
    this.observer = observer;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.outcomes = context.getStateStore(MonitorTopology.QUALITY_STORE);
    for (ScoreName score : ScoreName.values()) {
      aurocs.put(score, new RollingAuroc(window));
      calibrations.put(score, new RollingCalibration(window));
    }
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
    outcomes.delete(next - window);
    next++;
    include(outcome);
    QualitySnapshot snapshot = snapshot();
    context.forward(record.withValue(Json.write(snapshot)), MonitorTopology.QUALITY_SINK);
    observer.outcome(outcome, snapshot);
  }

  private void include(Outcome outcome) {
    for (ScoreName score : ScoreName.values()) {
      double value = outcome.scores().get(score.key());
      aurocs.get(score).add(value, outcome.correct());
      calibrations.get(score).add(scorer.calibrated(score, value), outcome.correct());
    }
    correct.addLast(outcome.correct());
    correctCount += outcome.correct() ? 1 : 0;
    if (correct.size() > window) {
      correctCount -= correct.removeFirst() ? 1 : 0;
    }
  }

  QualitySnapshot snapshot() {
    Map<String, Double> auroc = new LinkedHashMap<>();
    Map<String, Double> ece = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      double value = aurocs.get(score).auroc();
      auroc.put(score.key(), Double.isNaN(value) ? null : value);
      ece.put(score.key(), calibrations.get(score).expected());
    }
    return new QualitySnapshot(correct.size(), correct.isEmpty() ? 0 : (double) correctCount / correct.size(), auroc, ece);
  }
}
