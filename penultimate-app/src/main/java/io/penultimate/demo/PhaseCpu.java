package io.penultimate.demo;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The CPU time of one bench phase's application ({@link ApplicationCpu}) and of the broker per
 * event, between the outputs at a tenth and at nine tenths of the phase, as its steady rate is.
 * Counted from the application's start, it held the start too (tasks, stores, the monitor's
 * internal topics: at 10,000 events a phase, 35-70 µs of the broker's CPU per scoring event, README,
 * Performance). Counted from the first output, it missed the work on the events that were in
 * flight, processed but not yet committed, at that moment: a commit interval's worth, a third of
 * a fast pass-through's phase. Between two outputs of the steady middle the work in flight at
 * either end is about the same, so it cancels. That needs a middle of many reads: a phase so short
 * that its outputs came in a few bursts (a fast pass-through's 2,000 events in two or three commits)
 * has no figure, NaN, rather than one that counts whatever a burst happened to hold (0.3 µs per
 * event once).
 */
public final class PhaseCpu {
  /** Reads that brought outputs, after the first reading up to the last, without which the phase has no figure. */
  public static final int MIN_READS_BETWEEN = 10;

  private record Reading(int outputs, Map<String, Long> threads, double brokerNanos) {}

  private final String applicationId;
  private final DoubleSupplier brokerCpuNanos;
  private final int events;
  private final int from;
  private final int to;
  private Reading first;
  private Reading last;
  private int previousOutputs;
  private int readsBetween;

  /**
   * @param events the outputs the phase expects
   * @param brokerCpuNanos the broker's CPU time so far, NaN when unknown
   */
  PhaseCpu(String applicationId, int events, DoubleSupplier brokerCpuNanos) {
    this.applicationId = applicationId;
    this.brokerCpuNanos = brokerCpuNanos;
    this.events = events;
    this.from = events / 10;
    this.to = events - events / 10;
  }

  /** Told after each read how many outputs have come so far; reads the CPU when they first reach a tenth, and nine tenths. */
  void outputsSoFar(int outputs) {
    if (first == null && outputs >= from) {
      first = read(outputs);
    } else if (first != null && last == null) {
      readsBetween += outputs > previousOutputs ? 1 : 0;
      if (outputs >= to) {
        last = read(outputs);
      }
    }
    previousOutputs = outputs;
  }

  /** The phase's cost: the CPU per event between the two readings, and what {@code streams} wrote per event of the phase. */
  StreamBench.PhaseCost cost(KafkaStreams streams) {
    return new StreamBench.PhaseCost(byThreadMicrosPerEvent(), brokerMicrosPerEvent(), TopicWrites.of(streams, applicationId, events));
  }

  /** The application's CPU µs per event between the two readings, by thread ({@link ApplicationCpu#role}). */
  Map<String, Double> byThreadMicrosPerEvent() {
    requireBoth();
    Map<String, Double> micros = new TreeMap<>();
    last.threads().forEach((thread, nanos) -> micros.put(thread, perEvent(nanos - first.threads().getOrDefault(thread, 0L))));
    return micros;
  }

  /** The broker's CPU µs per event between the two readings; NaN when its CPU is unknown. */
  double brokerMicrosPerEvent() {
    requireBoth();
    return perEvent(last.brokerNanos() - first.brokerNanos());
  }

  private Reading read(int outputs) {
    return new Reading(outputs, ApplicationCpu.byThread(applicationId), brokerCpuNanos.getAsDouble());
  }

  /** NaN when fewer than {@link #MIN_READS_BETWEEN} reads brought outputs between the readings. */
  private double perEvent(double nanos) {
    return readsBetween >= MIN_READS_BETWEEN ? nanos / 1e3 / (last.outputs() - first.outputs()) : Double.NaN;
  }

  private void requireBoth() {
    if (last == null) {
      throw new IllegalStateException("the outputs of " + applicationId + " did not reach nine tenths of the phase");
    }
  }
}
