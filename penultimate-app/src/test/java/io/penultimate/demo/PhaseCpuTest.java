package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class PhaseCpuTest {
  @Test
  void countsTheBrokersCpuBetweenTheOutputsAtATenthAndAtNineTenthsOverTheEventsBetween() {
    Iterator<Double> broker = List.of(5_000_000.0, 9_000_000.0).iterator();
    PhaseCpu cpu = new PhaseCpu("phase-cpu-broker-app", 1000, broker::next);
    cpu.outputsSoFar(40);
    cpu.outputsSoFar(120); // the first read at a tenth or more
    for (int outputs = 200; outputs <= 800; outputs += 100) {
      cpu.outputsSoFar(outputs);
      cpu.outputsSoFar(outputs); // a read that brought nothing
    }
    cpu.outputsSoFar(850);
    cpu.outputsSoFar(880);
    cpu.outputsSoFar(920); // the first at nine tenths or more, the tenth read with outputs since the first reading
    cpu.outputsSoFar(1000);
    // 4 ms over the 800 events between the two readings
    assertThat(cpu.brokerMicrosPerEvent()).isCloseTo(5.0, within(1e-12));
  }

  @Test
  void leavesOutWhatTheApplicationsThreadsUsedBeforeTheFirstReading() throws Exception {
    CountDownLatch measured = new CountDownLatch(1);
    long[] burnt = new long[1];
    Thread worker = new Thread(() -> {
      burnt[0] = burn(100_000_000L);
      try {
        measured.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "phase-cpu-app-StreamThread-1");
    worker.start();
    while (burnt[0] == 0) {
      Thread.sleep(5);
    }
    PhaseCpu cpu = new PhaseCpu("phase-cpu-app", 100, () -> Double.NaN);
    for (int outputs = 10; outputs <= 90; outputs += 8) {
      cpu.outputsSoFar(outputs);
    }
    double micros = cpu.byThreadMicrosPerEvent().get("StreamThread-1");
    measured.countDown();
    worker.join();
    // the 100 ms of CPU before the first reading would be 1,250 µs per event; the thread has since waited
    assertThat(micros).isBetween(0.0, 100.0);
    assertThat(cpu.brokerMicrosPerEvent()).isNaN();
  }

  @Test
  void hasNoFigureBeforeNineTenthsNorForAMiddleOfFewerThanTenReadsWithOutputs() {
    PhaseCpu cpu = new PhaseCpu("phase-cpu-burst-app", 100, () -> 1.0);
    cpu.outputsSoFar(50);
    assertThatThrownBy(cpu::brokerMicrosPerEvent).isInstanceOf(IllegalStateException.class).hasMessageContaining("nine tenths");
    PhaseCpu oneBurst = new PhaseCpu("phase-cpu-burst-app", 100, () -> 1.0);
    oneBurst.outputsSoFar(100);
    oneBurst.outputsSoFar(100);
    assertThat(oneBurst.brokerMicrosPerEvent()).isNaN();
    // nine reads with outputs between the readings, and empty ones beside them: still too few
    Iterator<Double> broker = List.of(0.0, 1e6).iterator();
    PhaseCpu fewBursts = new PhaseCpu("phase-cpu-burst-app", 1000, broker::next);
    fewBursts.outputsSoFar(100);
    for (int outputs = 200; outputs <= 900; outputs += 100) {
      fewBursts.outputsSoFar(outputs);
      fewBursts.outputsSoFar(outputs);
    }
    fewBursts.outputsSoFar(1000);
    assertThat(fewBursts.brokerMicrosPerEvent()).isNaN();
  }

  /** Spins until this thread has used {@code nanos} of CPU; returns what it used. */
  private static long burn(long nanos) {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    double sink = 0;
    while (threads.getCurrentThreadCpuTime() - start < nanos) {
      for (int i = 0; i < 10_000; i++) {
        sink += Math.sqrt(i + sink);
      }
    }
    return threads.getCurrentThreadCpuTime() - start + (sink > 0 ? 0 : 1);
  }
}
