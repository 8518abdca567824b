package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.InvalidEventException.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeObserverTest {

  /** Writes each call, with its arguments, to a shared log under its name. */
  private static MonitorObserver recording(String name, List<String> log) {
    return new MonitorObserver() {
      @Override
      public void batchScored(ScoredBatch batch, long nanos) {
        log.add(name + " batch " + batch.events().size() + " " + nanos);
      }

      @Override
      public void eventRejected(Cause cause) {
        log.add(name + " rejected " + cause.key());
      }

      @Override
      public void label(LabelOutcome outcome) {
        log.add(name + " label " + outcome.key());
      }

      @Override
      public void labelsExpired(int count) {
        log.add(name + " expired " + count);
      }

      @Override
      public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
        log.add(name + " outcome " + outcome.id() + " " + calibrated.get(ScoreName.SOFTMAX));
      }

      @Override
      public void quality(QualitySnapshot merged) {
        log.add(name + " quality " + merged.labelled());
      }

      @Override
      public void qualityElsewhere() {
        log.add(name + " elsewhere");
      }
    };
  }

  @Test
  void passesEveryCallToEachObserverInOrder() {
    List<String> log = new ArrayList<>();
    MonitorObserver both = MonitorObserver.all(recording("a", log), recording("b", log));
    both.batchScored(new ScoredBatch(List.of(), new double[0][], new double[0][]), 42);
    both.eventRejected(Cause.NON_FINITE);
    both.label(MonitorObserver.LabelOutcome.UNMATCHED);
    both.labelsExpired(2);
    both.outcome(Outcome.of("e1", 1, 1, Map.of(), new EventAnswers(0.9, 0.5, false, 0.8), 0), Map.of(ScoreName.SOFTMAX, 0.5));
    both.quality(new QualitySnapshot(3, 1, Map.of(), Map.of(), null));
    both.qualityElsewhere();
    assertThat(log).containsExactly(
        "a batch 0 42", "b batch 0 42",
        "a rejected non_finite", "b rejected non_finite",
        "a label unmatched", "b label unmatched",
        "a expired 2", "b expired 2",
        "a outcome e1 0.5", "b outcome e1 0.5",
        "a quality 3", "b quality 3",
        "a elsewhere", "b elsewhere");
  }
}
