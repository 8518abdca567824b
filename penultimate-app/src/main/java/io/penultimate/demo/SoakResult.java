package io.penultimate.demo;

import io.penultimate.math.LeastSquaresLine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** What a soak run measured: the samples, the memory series' slopes and the count check. */
public record SoakResult(
    SoakBench.Settings settings, List<SoakSample> samples, EventReplay.Sent sent, double producingSeconds, Duration drained,
    IdTally.Counts scores, IdTally.Counts outcomes, long deadLetters) {

  private static final double MB = 1024 * 1024;

  /** A memory series of the samples, in bytes. */
  record Series(String name, ToLongFunction<SoakSample> bytes) {}

  static final List<Series> SERIES = List.of(
      new Series("RSS", s -> s.memory().rss()),
      new Series("RSS mapped from files", s -> s.memory().rssFile()),
      new Series("heap used after GC", s -> s.memory().heapAfterGc()),
      new Series("heap committed", s -> s.memory().heapCommitted()),
      new Series("non-heap committed", s -> s.memory().nonHeapCommitted()),
      new Series("direct buffers", s -> s.memory().direct()),
      new Series("JavaCPP allocated", s -> s.memory().javaCpp()),
      new Series("other native", s -> s.memory().otherNative()),
      new Series("state stores on disk", SoakSample::stateBytes));

  /** Every event scored exactly once, every label joined into exactly one outcome, nothing dead-lettered. */
  public boolean countsPass() {
    return scores.exact() && scores.expected() == sent.events() && outcomes.exact() && outcomes.expected() == sent.labels()
        && deadLetters == 0;
  }

  /** The samples at or after {@code from}. */
  List<SoakSample> from(Duration from) {
    return samples.stream().filter(sample -> sample.elapsed().compareTo(from) >= 0).toList();
  }

  /**
   * Where the second half of the run begins. A store or window that fills for longer than the
   * warm-up (the quality stage's time window holds up to its capacity of outcomes per partition:
   * 100,000 by default, 13 minutes of a soak at 250 labelled events/s over two partitions) tilts
   * the slope after the warm-up; the second half's shows whether it has levelled off.
   */
  Duration secondHalf() {
    return settings.duration().dividedBy(2);
  }

  /** Each series' least-squares line in bytes against hours, over the samples at or after {@code from}. */
  Map<String, LeastSquaresLine> slopes(Duration from) {
    List<SoakSample> steady = from(from);
    double[] hours = steady.stream().mapToDouble(sample -> sample.elapsed().toMillis() / 3.6e6).toArray();
    Map<String, LeastSquaresLine> slopes = new LinkedHashMap<>();
    for (Series series : SERIES) {
      slopes.put(series.name(), LeastSquaresLine.fit(hours, steady.stream().mapToDouble(sample -> series.bytes().applyAsLong(sample)).toArray()));
    }
    return slopes;
  }

  /** The table of samples, the slopes and the count check. */
  public void print(PrintWriter out) {
    out.printf("  %5s %8s %8s %8s %8s %8s %7s %8s %8s %8s %9s %8s %7s %10s %10s%n", "min", "RSS", "RssFile", "heapGC", "heapCom",
        "nonHeap", "direct", "JavaCPP", "otherNat", "state", "keys", "lagEv", "lagLab", "sent", "scored");
    out.printf("  %5s %8s %8s %8s %8s %8s %7s %8s %8s %8s %9s %8s %7s %10s %10s%n", "", "MB", "MB", "MB", "MB", "MB", "MB", "MB", "MB",
        "MB", "", "events", "labels", "events", "events");
    for (SoakSample s : samples) {
      ProcessMemory.Reading m = s.memory();
      out.printf("  %5.1f %8.1f %8.1f %8.1f %8.1f %8.1f %7.1f %8.2f %8.1f %8.1f %9d %8d %7d %10d %10d%n", s.elapsed().toMillis() / 60e3,
          m.rss() / MB, m.rssFile() / MB, m.heapAfterGc() / MB, m.heapCommitted() / MB, m.nonHeapCommitted() / MB, m.direct() / MB,
          m.javaCpp() / MB, m.otherNative() / MB, s.stateBytes() / MB, s.storeKeys(), s.eventsLag(), s.labelsLag(), s.produced(),
          s.scored());
    }
    List<SoakSample> steady = from(settings.warmUp());
    List<SoakSample> late = from(secondHalf());
    out.printf("%n  least-squares slope per hour, +- one standard error, over the %d samples after the warm-up (from %s) and over the %d"
        + " of the second half (from %s):%n", steady.size(), minutes(steady.get(0).elapsed()), late.size(), minutes(late.get(0).elapsed()));
    out.printf("  %-24s %12s %10s %12s %10s %10s %12s%n", "series", "MB/h", "+-", "2nd half", "+-", "mean MB", "% of mean/h");
    Map<String, LeastSquaresLine> slopes = slopes(settings.warmUp());
    Map<String, LeastSquaresLine> lateSlopes = late.size() >= 2 ? slopes(secondHalf()) : null;
    for (Series series : SERIES) {
      LeastSquaresLine line = slopes.get(series.name());
      double mean = steady.stream().mapToLong(series.bytes()).average().orElseThrow();
      LeastSquaresLine lateLine = lateSlopes == null ? null : lateSlopes.get(series.name());
      out.printf("  %-24s %12.2f %10.2f %12s %10s %10.1f %12s%n", series.name(), line.slope() / MB, line.slopeStandardError() / MB,
          lateLine == null ? "-" : String.format("%.2f", lateLine.slope() / MB),
          lateLine == null ? "-" : String.format("%.2f", lateLine.slopeStandardError() / MB), mean / MB,
          mean > 0 ? String.format("%.2f", 100 * line.slope() / mean) : "-");
    }
    if (late.size() >= 2) {
      // a count, not bytes: beside the bytes on disk it tells more state from garbage awaiting compaction
      double[] hours = late.stream().mapToDouble(sample -> sample.elapsed().toMillis() / 3.6e6).toArray();
      LeastSquaresLine keys = LeastSquaresLine.fit(hours, late.stream().mapToDouble(SoakSample::storeKeys).toArray());
      out.printf("  state store keys (RocksDB's estimate): %.0f +- %.0f per hour over the second half, mean %.0f%n", keys.slope(),
          keys.slopeStandardError(), late.stream().mapToLong(SoakSample::storeKeys).average().orElseThrow());
    }
    out.printf("%n  sent %d events (%.0f/s sustained over %.0f s, %.0f/s asked) and %d labels; drained in %.1f s%n", sent.events(),
        sent.events() / producingSeconds, producingSeconds, settings.rate(), sent.labels(), drained.toMillis() / 1e3);
    out.printf("  scores:   %d records, %d distinct of %d events: %d lost, %d duplicated, %d unexpected%n", scores.records(),
        scores.expected() - scores.missing(), scores.expected(), scores.missing(), scores.duplicated(), scores.unexpected());
    out.printf("  outcomes: %d records, %d distinct of %d labels: %d lost, %d duplicated, %d unexpected%n", outcomes.records(),
        outcomes.expected() - outcomes.missing(), outcomes.expected(), outcomes.missing(), outcomes.duplicated(), outcomes.unexpected());
    out.printf("  dead letters: %d%n", deadLetters);
    out.printf("  count check: %s%n", countsPass() ? "passed (zero lost, zero duplicated)" : "FAILED");
  }

  private static String minutes(Duration duration) {
    return String.format("%.1f min", duration.toMillis() / 60e3);
  }
}
