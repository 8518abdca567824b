package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.penultimate.stream.InvalidEventException.Cause;
import java.util.ArrayList;
import java.util.List;
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
    };
    GuardedObserver guarded = new GuardedObserver(recording);
    guarded.label(MonitorObserver.LabelOutcome.JOINED);
    guarded.labelsExpired(3);
    assertThat(calls).containsExactly("label joined", "expired 3");
  }
}
