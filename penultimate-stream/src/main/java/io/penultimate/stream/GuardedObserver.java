package io.penultimate.stream;

import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.InvalidEventException.Cause;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a failing observer from stopping the stream: the calls run on stream threads, and an
 * exception there would shut the Streams client down over a metrics bug. Scores are the product,
 * meters are secondary, so a failure is logged (the first one with its stack trace) and dropped.
 */
final class GuardedObserver implements MonitorObserver {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedObserver.class);

  private final MonitorObserver observer;
  private volatile boolean failedBefore;

  GuardedObserver(MonitorObserver observer) {
    this.observer = observer;
  }

  @Override
  public void batchScored(ScoredBatch batch, long nanos) {
    guard(() -> observer.batchScored(batch, nanos));
  }

  @Override
  public void eventRejected(Cause cause) {
    guard(() -> observer.eventRejected(cause));
  }

  @Override
  public void label(LabelOutcome outcome) {
    guard(() -> observer.label(outcome));
  }

  @Override
  public void labelsExpired(int count) {
    guard(() -> observer.labelsExpired(count));
  }

  @Override
  public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
    guard(() -> observer.outcome(outcome, calibrated));
  }

  @Override
  public void quality(QualitySnapshot merged) {
    guard(() -> observer.quality(merged));
  }

  @Override
  public void qualityElsewhere() {
    guard(() -> observer.qualityElsewhere());
  }

  private void guard(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      if (failedBefore) {
        LOG.warn("monitor observer failed again: {}", e.toString());
      } else {
        failedBefore = true;
        LOG.error("monitor observer failed; metrics may be incomplete, scoring goes on", e);
      }
    }
  }
}
