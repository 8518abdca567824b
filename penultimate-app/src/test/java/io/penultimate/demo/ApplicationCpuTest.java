package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ApplicationCpuTest {
  private static final long BUSY_NANOS = 30_000_000;

  @Test
  void sumsTheCpuOfTheLiveThreadsNamedAfterTheApplicationAndNoOthers() throws InterruptedException {
    CountDownLatch busy = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Runnable burn = () -> {
      while (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() < BUSY_NANOS) {
        Thread.onSpinWait();
      }
      busy.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Thread stream = new Thread(burn, "bench-app-42-0c6e-StreamThread-1");
    Thread producer = new Thread(burn, "kafka-producer-network-thread | bench-app-42-0c6e-StreamThread-1-producer");
    stream.start();
    producer.start();
    busy.await();
    try {
      assertThat(ApplicationCpu.nanos("bench-app-42")).isGreaterThanOrEqualTo(2 * BUSY_NANOS);
      assertThat(ApplicationCpu.nanos("bench-app-43")).isZero();
    } finally {
      release.countDown();
      stream.join();
      producer.join();
    }
  }
}
