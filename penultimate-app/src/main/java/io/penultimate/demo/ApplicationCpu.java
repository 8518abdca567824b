package io.penultimate.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of one Kafka Streams application's Java threads in this JVM: every thread whose
 * name holds its application id (Kafka Streams names its stream, state updater and cleanup threads
 * after the client id, which begins with the application id, and the clients' producer network
 * and heartbeat threads after those). The broker runs in another JVM and the bench's own readers
 * carry no application id, so neither counts; native threads of RocksDB do not either. Unlike a
 * rate, it does not depend on when a commit makes the output visible, so it compares applications
 * whose backlogs take only a commit interval or two.
 */
final class ApplicationCpu {
  private ApplicationCpu() {}

  /** Nanoseconds of CPU used so far by the live threads of the application {@code applicationId}. */
  static long nanos(String applicationId) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(applicationId)) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }
}
