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

  /** The samples the slopes are fitted to: those at or after the warm-up. */
  List<SoakSample> steady() {
    return samples.stream().filter(sample -> sample.elapsed().compareTo(settings.warmUp()) >= 0).toList();
  }

  /** Each series' least-squares line in bytes against hours, over the steady samples. */
  Map<String, LeastSquaresLine> slopes() {
    List<SoakSample> steady = steady();
    double[] hours = steady.stream().mapToDouble(sample -> sample.elapsed().toMillis() / 3.6e6).toArray();
    Map<String, LeastSquaresLine> slopes = new LinkedHashMap<>();
    for (Series series : SERIES) {
      slopes.put(series.name(), LeastSquaresLine.fit(hours, steady.stream().mapToDouble(sample -> series.bytes().applyAsLong(sample)).toArray()));
    }
    return slopes;
  }

  /** The table of samples, the slopes and the count check. */
  public void print(PrintWriter out) {
    out.printf("  %5s %8s %8s %8s %8s %8s %7s %8s %8s %8s %8s %7s %10s %10s%n", "min", "RSS", "RssFile", "heapGC", "heapCom",
        "nonHeap", "direct", "JavaCPP", "otherNat", "state", "lagEv", "lagLab", "sent", "scored");
    out.printf("  %5s %8s %8s %8s %8s %8s %7s %8s %8s %8s %8s %7s %10s %10s%n", "", "MB", "MB", "MB", "MB", "MB", "MB", "MB", "MB",
        "MB", "events", "labels", "events", "events");
    for (SoakSample s : samples) {
      ProcessMemory.Reading m = s.memory();
      out.printf("  %5.1f %8.1f %8.1f %8.1f %8.1f %8.1f %7.1f %8.2f %8.1f %8.1f %8d %7d %10d %10d%n", s.elapsed().toMillis() / 60e3,
          m.rss() / MB, m.rssFile() / MB, m.heapAfterGc() / MB, m.heapCommitted() / MB, m.nonHeapCommitted() / MB, m.direct() / MB,
          m.javaCpp() / MB, m.otherNative() / MB, s.stateBytes() / MB, s.eventsLag(), s.labelsLag(), s.produced(), s.scored());
    }
    List<SoakSample> steady = steady();
    out.printf("%n  least-squares slope per hour over the %d samples from %s on (the first %s are warm-up), +- one standard error:%n",
        steady.size(), minutes(steady.get(0).elapsed()), minutes(settings.warmUp()));
    out.printf("  %-24s %12s %12s %12s %12s%n", "series", "MB/h", "+- MB/h", "mean MB", "% of mean/h");
    Map<String, LeastSquaresLine> slopes = slopes();
    for (Series series : SERIES) {
      LeastSquaresLine line = slopes.get(series.name());
      double mean = steady.stream().mapToLong(series.bytes()).average().orElseThrow();
      out.printf("  %-24s %12.2f %12.2f %12.1f %12s%n", series.name(), line.slope() / MB, line.slopeStandardError() / MB, mean / MB,
          mean > 0 ? String.format("%.2f", 100 * line.slope() / mean) : "-");
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
