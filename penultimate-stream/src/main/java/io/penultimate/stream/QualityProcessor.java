package io.penultimate.stream;

import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.QualityWindow;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality of one partition of the outcomes topic. Keeps its latest outcomes in a changelogged
 * store ({@link StoredOutcomes}) and, from them, two {@link QualityWindow}s: the last N
 * labelled events, and those of the last T (by outcome timestamp, at most a capacity). Every
 * publish interval in which outcomes came it forwards their {@link PartitionQuality}, fixed-size
 * summaries that {@link QualityMerger} pools over every partition, so no one task sees every
 * outcome. The store is the source of truth: after a restart both windows are rebuilt from it, so
 * the rolling quality carries on where it was.
 *
 * <p>The windows hold a column per served score, then the answers {@code confidence} and
 * {@code trust} ({@link QualityColumns}). An outcome that lacks a served score (scored while the
 * monitor served fewer) is left out of the windows and not stored, with a warning: its score cannot
 * be recomputed without its hidden vector. An outcome written before events carried
 * their answers (in the store's changelog, or on the outcomes topic, from an older version) has
 * them recomputed from its scores ({@link EventAnswers#recomputed}) and is stored completed, so an
 * upgrade keeps the window and every column stays filled.
 */
final class QualityProcessor implements Processor<String, byte[], String, byte[]> {
  /** Points per score sample in a summary: the merged AUROC is within 1/256 of the exact one. */
  static final int SKETCH_POINTS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(QualityProcessor.class);

  private final QualityWindows windows;
  private final ConfidenceScorer scorer;
  private final MonitorObserver observer;
  private final List<ScoreName> served;
  private final List<String> keys;
  private final int columns;
  private final int confidence;
  private final int trust;
  private long leftOut;
  private ProcessorContext<String, byte[]> context;
  private StoredOutcomes outcomes;
  private QualityWindow count;
  private QualityWindow time;
  private boolean changed;

  QualityProcessor(QualityWindows windows, ConfidenceScorer scorer, MonitorObserver observer) {
    this.windows = windows;
    this.scorer = scorer;
    this.observer = observer;
    QualityColumns layout = new QualityColumns(scorer.selection());
    this.served = scorer.selection().served();
    this.keys = layout.aurocKeys();
    this.columns = layout.size();
    this.confidence = layout.aurocKeys().indexOf(QualitySnapshot.CONFIDENCE);
    this.trust = layout.aurocKeys().indexOf(QualitySnapshot.TRUST);
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    count = new QualityWindow(columns, windows.count(), null);
    time = new QualityWindow(columns, windows.spanCapacity(), windows.span());
    // a recycled task initialises this instance again: the blocks continue from the store, not from its previous turn
    outcomes = new StoredOutcomes(context.getStateStore(MonitorTopology.QUALITY_STORE), windows.storedOutcomes(), stored -> {
      Outcome outcome = completed(stored);
      if (hasServedScores(outcome)) {
        include(outcome);
      }
    });
    // a restored window is published once, so that a merge task started afresh has it too
    changed = count.size() > 0;
    context.schedule(windows.publishInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Outcome outcome = completed(HotJson.readOutcome(record.value()));
    if (!hasServedScores(outcome)) {
      return;
    }
    outcomes.add(outcome);
    changed = true;
    observer.outcome(outcome, include(outcome));
  }

  private void publish(long now) {
    if (!changed) {
      return;
    }
    changed = false;
    int partition = context.taskId().partition();
    PartitionQuality summary = new PartitionQuality(partition, keys, count.summary(SKETCH_POINTS), time.summary(SKETCH_POINTS));
    context.forward(new Record<>(Integer.toString(partition), Json.write(summary), now));
  }

  /** Whether the outcome has every served score; counts and reports it once when not. */
  private boolean hasServedScores(Outcome outcome) {
    for (ScoreName score : served) {
      if (!outcome.scores().containsKey(score.key())) {
        if (leftOut++ == 0) {
          LOG.warn("quality task {}: outcome {} has no score '{}', scored while the monitor served fewer scores; such outcomes are"
              + " left out of the rolling windows", context.taskId(), outcome.id(), score.key());
        }
        return false;
      }
    }
    return true;
  }

  /** The outcome with its answers, recomputed from its scores when it was written without them. */
  private Outcome completed(Outcome outcome) {
    return outcome.answers().isPresent() ? outcome : outcome.withAnswers(EventAnswers.recomputed(outcome.scores(), scorer));
  }

  /**
   * Adds a completed outcome to both windows. Returns each score's calibrated P(correct), computed
   * here once for the rolling ECE and for the observer's calibrated-score histograms.
   */
  private Map<ScoreName, Double> include(Outcome outcome) {
    double[] raw = new double[columns];
    double[] calibrated = new double[columns];
    Map<ScoreName, Double> byScore = new EnumMap<>(ScoreName.class);
    for (int column = 0; column < served.size(); column++) {
      ScoreName score = served.get(column);
      raw[column] = outcome.scores().get(score.key());
      calibrated[column] = scorer.calibrated(score, raw[column]);
      byScore.put(score, calibrated[column]);
    }
    // the answers are probabilities already: each ranks and calibrates by its own value
    raw[confidence] = outcome.confidence();
    calibrated[confidence] = outcome.confidence();
    raw[trust] = outcome.trust();
    calibrated[trust] = outcome.trust();
    count.add(outcome.timestamp(), raw, calibrated, outcome.correct());
    time.add(outcome.timestamp(), raw, calibrated, outcome.correct());
    return Collections.unmodifiableMap(byScore);
  }
}
