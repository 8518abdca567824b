package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BacklogTest {
  /** One event every 10 ms (100/s) for {@code seconds}, from time 0. */
  private static long[] steady(int seconds) {
    long[] sent = new long[seconds * 100];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = 10L * i;
    }
    return sent;
  }

  /** Each event scored {@code delayMs} after it was sent. */
  private static long[] delayed(long[] sent, long delayMs) {
    long[] scored = new long[sent.length];
    for (int i = 0; i < sent.length; i++) {
      scored[i] = sent[i] + delayMs;
    }
    return scored;
  }

  @Test
  void countsEventsSentButNotYetScoredIncludingThoseAtTheSameMillisecond() {
    Backlog backlog = new Backlog(new long[] {0, 5, 5, 5, 9}, new long[] {5, 7});
    assertThat(backlog.at(-1)).isZero();
    assertThat(backlog.at(4)).isEqualTo(1);
    assertThat(backlog.at(5)).isEqualTo(3);
    assertThat(backlog.at(8)).isEqualTo(2);
    assertThat(backlog.at(100)).isEqualTo(3);
  }

  @Test
  void aSteadyStreamWithoutAFaultHasRecoveredAtOnce() {
    long[] sent = steady(60);
    Backlog.Recovery recovery = new Backlog(sent, delayed(sent, 1_500)).after(30_000, 50_000);
    // 1.5 s behind at 100/s: 150 events in flight, at the threshold and never over it
    assertThat(recovery.threshold()).isEqualTo(150);
    assertThat(recovery.peak()).isEqualTo(150);
    assertThat(recovery.millis()).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void aBacklogUnderOneSecondOfEventsIsNotCountedAsAStall() {
    long[] sent = steady(60);
    long[] scored = delayed(sent, 200);
    // after the fault the output lags 800 ms instead of 200 for 10 s: 80 events, under the 100
    // sent in a second, so the tight pre-fault range of 20 does not make it a 10 s "recovery"
    for (int i = 3000; i < 4000; i++) {
      scored[i] = sent[i] + 800;
    }
    Backlog.Recovery recovery = new Backlog(sent, scored).after(30_000, 50_000);
    assertThat(recovery.threshold()).isEqualTo(100);
    assertThat(recovery.peak()).isEqualTo(80);
    assertThat(recovery.millis()).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void aStallIsRecoveredWhenTheBacklogIsBackUnderItsThreshold() {
    long[] sent = steady(60);
    long[] scored = delayed(sent, 200);
    // the fault at 30 s stops scoring for 5 s; the backlog is then worked off at 300/s, 200/s net,
    // so the 520 events behind at 35 s are down to the threshold of 100 (a second's events, more
    // than the pre-fault range of 20) 2.1 s later
    for (int i = 0; i < sent.length; i++) {
      long t = sent[i] + 200;
      if (t >= 30_000 && sent[i] < 37_500 - 200) {
        t = Math.max(t, 35_000 + (i - 2980) * 10L / 3);
      }
      scored[i] = t;
    }
    Backlog.Recovery recovery = new Backlog(sent, scored).after(30_000, 50_000);
    assertThat(recovery.threshold()).isEqualTo(100);
    assertThat(recovery.peak()).isBetween(515, 525);
    assertThat(recovery.millis().getAsLong()).isBetween(7_000L, 7_200L);
  }

  @Test
  void aBacklogStillOverTheThresholdAtTheEndOfTheSpanHasNotRecovered() {
    long[] sent = steady(60);
    long[] scored = delayed(sent, 200);
    for (int i = 3000; i < scored.length; i++) {
      scored[i] = 100_000;
    }
    Backlog.Recovery recovery = new Backlog(sent, scored).after(30_000, 50_000);
    assertThat(recovery.millis()).isEmpty();
    assertThat(recovery.peak()).isEqualTo(2001);
  }

  @Test
  void aSpanEndingBeforeItsFaultIsRejected() {
    assertThatThrownBy(() -> new Backlog(new long[0], new long[0]).after(1000, 1000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000 ms");
  }
}
