package io.penultimate.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** The figures of {@code bench chaos}: a row per fault and run, then each run's counts. */
public final class ChaosTable {
  private static final int SHOWN_GAPS = 10;
  private ChaosTable() {}

  /** @param what the events and model replayed, for the heading */
  public static void print(PrintWriter out, List<ChaosRun.Result> results, int events, double rate, Duration pause, Duration sessionTimeout,
      Duration labelGrace, String what) {
    out.printf("chaos: %d monitors (serve in child JVMs, -Xmx%s, one stream thread each, exactly_once_v2) on %d partitions of a "
        + "3-node KRaft cluster (replication factor 3, min.insync.replicas 2), %d processors%n", ChaosRun.MONITORS, ChaosRun.MONITOR_HEAP,
        ChaosRun.PARTITIONS, Runtime.getRuntime().availableProcessors());
    out.printf("  %d labelled events at %.0f/s (%s), labels 1 s after their events; each fault once 25%%, 50%%, 75%% are sent and the backlog has stayed under 5 s of events for 10 s; "
        + "down for %d s; session timeout %d s; label grace %d s%n", events, rate, what, pause.toSeconds(), sessionTimeout.toSeconds(),
        labelGrace.toSeconds());
    out.printf("  recovery: from the fault until the backlog (events sent - events scored) is back in its range of the %d s before "
        + "it (at least the events sent in the %d ms before it), for good (sampled every %d ms, up to the next fault)%n",
        Backlog.BASELINE_MS / 1000, Backlog.FLOOR_MS, Backlog.STEP_MS);
    out.printf("  %-22s %8s %8s %8s %11s %13s %10s%n", "fault", "standby", "at s", "took s", "recovery s", "peak backlog", "threshold");
    for (ChaosRun.Result result : results) {
      for (ChaosRun.FaultFigures fault : result.faults()) {
        Backlog.Recovery recovery = fault.recovery();
        String seconds = recovery.millis().isPresent() ? String.format("%.1f", recovery.millis().getAsLong() / 1e3) : "not yet";
        out.printf("  %-22s %8d %8.1f %8.1f %11s %13d %10d%n", fault.fault().description(), result.standbyReplicas(), fault.atSeconds(),
            fault.tookSeconds(), seconds, recovery.peak(), recovery.threshold());
      }
    }
    for (ChaosRun.Result result : results) {
      ChaosCounts c = result.counts();
      out.printf("  standby %d: %d/%d scored, %d duplicates; %d/%d outcomes, %d duplicates; quality windows %d and %d (max %d) of %d; "
          + "%d dead letters, %d foreign keys; %s (stream %.0f s)%n", result.standbyReplicas(), c.scored(), c.events(), c.scoreDuplicates(), c.outcomes(),
          c.events(), c.outcomeDuplicates(), c.quality(), c.qualityTime(), c.qualityMax(), c.events(), c.deadLetters(),
          c.strangeIds(), c.exact() ? "exact" : "NOT EXACT", result.streamSeconds());
      result.deadLetterReasons().forEach((reason, count) -> out.printf("    %d dead letters: %s%n", count, reason));
      List<String> missing = result.missing();
      if (!missing.isEmpty()) {
        out.printf("    %d gaps, the first %d: %s%n", missing.size(), Math.min(missing.size(), SHOWN_GAPS),
            String.join("; ", missing.subList(0, Math.min(missing.size(), SHOWN_GAPS))));
      }
      result.duplicates().forEach(repeat -> out.printf("    score repeated: %s%n", repeat));
      out.printf("    monitor logs: %s%n", result.logs());
    }
  }
}
