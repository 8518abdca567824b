package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ApplicationCpuTest {
  private static final long BUSY_NANOS = 30_000_000;
  private static final String CLIENT = "bench-app-42-0c6e4f2a-1b3c-4d5e-8f90-123456789abc";

  @Test
  void namesEachThreadByItsRoleWithoutTheApplicationOrClientId() {
    assertThat(ApplicationCpu.role(CLIENT + "-StreamThread-1", "bench-app-42")).isEqualTo("StreamThread-1");
    assertThat(ApplicationCpu.role(CLIENT + "-CleanupThread", "bench-app-42")).isEqualTo("CleanupThread");
    assertThat(ApplicationCpu.role("kafka-producer-network-thread | " + CLIENT + "-StreamThread-1-producer", "bench-app-42"))
        .isEqualTo("kafka-producer-network-thread");
    assertThat(ApplicationCpu.role("bench-app-42-metrics", "bench-app-42")).isEqualTo("metrics");
  }

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
    Thread stream = new Thread(burn, CLIENT + "-StreamThread-1");
    Thread producer = new Thread(burn, "kafka-producer-network-thread | " + CLIENT + "-StreamThread-1-producer");
    stream.start();
    producer.start();
    busy.await();
    try {
      assertThat(ApplicationCpu.byThread("bench-app-42")).containsOnlyKeys("StreamThread-1", "kafka-producer-network-thread")
          .allSatisfy((thread, nanos) -> assertThat(nanos).as(thread).isGreaterThanOrEqualTo(BUSY_NANOS));
      assertThat(ApplicationCpu.byThread("bench-app-43")).isEmpty();
    } finally {
      release.countDown();
      stream.join();
      producer.join();
    }
  }
}
