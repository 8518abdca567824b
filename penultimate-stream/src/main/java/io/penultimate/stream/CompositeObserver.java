package io.penultimate.stream;

import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.InvalidEventException.Cause;
import java.util.List;
import java.util.Map;

/**
 * Passes every call to each observer in turn, so meters bound to different registries (Micrometer's
 * and the Prometheus client's) can watch one topology. The topology guards the composite as a
 * whole: an observer that throws skips the ones after it for that call only.
 */
final class CompositeObserver implements MonitorObserver {
  private final List<MonitorObserver> observers;

  CompositeObserver(List<MonitorObserver> observers) {
    this.observers = List.copyOf(observers);
  }

  @Override
  public void batchScored(ScoredBatch batch, long nanos) {
    observers.forEach(observer -> observer.batchScored(batch, nanos));
  }

  @Override
  public void eventRejected(Cause cause) {
    observers.forEach(observer -> observer.eventRejected(cause));
  }

  @Override
  public void label(LabelOutcome outcome) {
    observers.forEach(observer -> observer.label(outcome));
  }

  @Override
  public void labelsExpired(int count) {
    observers.forEach(observer -> observer.labelsExpired(count));
  }

  @Override
  public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
    observers.forEach(observer -> observer.outcome(outcome, calibrated));
  }

  @Override
  public void quality(QualitySnapshot merged) {
    observers.forEach(observer -> observer.quality(merged));
  }

  @Override
  public void qualityElsewhere() {
    observers.forEach(observer -> observer.qualityElsewhere());
  }
}
