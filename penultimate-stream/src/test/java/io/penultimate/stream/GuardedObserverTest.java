package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.penultimate.bundle.ScoreName;
import io.penultimate.stream.InvalidEventException.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardedObserverTest {

  @Test
  void aFailingObserverDoesNotPropagateAndKeepsBeingCalled() {
    List<Cause> seen = new ArrayList<>();
    MonitorObserver failing = new MonitorObserver() {
      @Override
      public void eventRejected(Cause cause) {
        seen.add(cause);
        throw new IllegalStateException("meter broken");
      }
    };
    GuardedObserver guarded = new GuardedObserver(failing);
    assertThatCode(() -> guarded.eventRejected(Cause.MALFORMED)).doesNotThrowAnyException();
    assertThatCode(() -> guarded.eventRejected(Cause.OVERSIZED)).doesNotThrowAnyException();
    assertThat(seen).containsExactly(Cause.MALFORMED, Cause.OVERSIZED);
  }

  @Test
  void passesEveryCallThrough() {
    List<String> calls = new ArrayList<>();
    MonitorObserver recording = new MonitorObserver() {
      @Override
      public void label(LabelOutcome outcome) {
        calls.add("label " + outcome.key());
      }

      @Override
      public void labelsExpired(int count) {
        calls.add("expired " + count);
      }

      @Override
      public void outcome(Outcome outcome, Map<ScoreName, Double> calibrated) {
        calls.add("outcome " + outcome.id() + " " + calibrated.get(ScoreName.GMM));
      }

      @Override
      public void quality(QualitySnapshot merged) {
        calls.add("quality " + merged.labelled());
      }

      @Override
      public void qualityElsewhere() {
        calls.add("elsewhere");
      }
    };
    GuardedObserver guarded = new GuardedObserver(recording);
    guarded.label(MonitorObserver.LabelOutcome.JOINED);
    guarded.labelsExpired(3);
    guarded.outcome(Outcome.of("e1", 0, 0, Map.of(), new EventAnswers(0.9, 0.5, false, 0.8), 0), Map.of(ScoreName.GMM, 0.25));
    guarded.quality(new QualitySnapshot(7, 1, Map.of(), Map.of(), null));
    guarded.qualityElsewhere();
    assertThat(calls).containsExactly("label joined", "expired 3", "outcome e1 0.25", "quality 7", "elsewhere");
  }
}
