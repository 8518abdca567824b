package io.penultimate.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The CPU time of one Kafka Streams application's Java threads in this JVM: every thread whose
 * name holds its application id (Kafka Streams names its stream, state updater and cleanup threads
 * after the client id, which begins with the application id, and the clients' producer network
 * and heartbeat threads after those). The broker runs in another JVM and the bench's own readers
 * carry no application id, so neither counts; native threads of RocksDB do not either.
 * {@link PhaseCpu} reads it at two outputs of a bench phase.
 */
final class ApplicationCpu {
  private static final Pattern CLIENT_ID = Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-?");

  private ApplicationCpu() {}

  /**
   * Nanoseconds of CPU used so far by the live threads of the application {@code applicationId},
   * by thread, each named without the application's id and client id ({@code StreamThread-1},
   * {@code kafka-producer-network-thread}), so that runs of one application compare thread by thread.
   */
  static Map<String, Long> byThread(String applicationId) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> nanos = new TreeMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(applicationId)) {
        nanos.merge(role(info.getThreadName(), applicationId), Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
      }
    }
    return nanos;
  }

  /** A Kafka client's thread ({@code name | client id}) by its name; the application's own by what follows its client id. */
  static String role(String threadName, String applicationId) {
    int client = threadName.indexOf(" | ");
    if (client >= 0) {
      return threadName.substring(0, client);
    }
    String rest = CLIENT_ID.matcher(threadName).replaceFirst("");
    return rest.equals(threadName) ? threadName.replace(applicationId, "").replaceFirst("^-", "") : rest;
  }
}
