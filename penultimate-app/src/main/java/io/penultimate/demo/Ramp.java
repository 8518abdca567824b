package io.penultimate.demo;

import io.penultimate.math.Stats;
import java.util.Arrays;

/**
 * How a freshly started monitor comes up to speed on a backlog, from the arrival times of its
 * scored records (milliseconds since the process was started). The output is cut into one-second
 * buckets from the first arrival; the steady rate is the median bucket rate over the second half
 * of the run (the JIT has compiled the hot paths by then); full throughput is reached at the start
 * of the first bucket whose rate is at least {@link #FULL} of the steady rate.
 *
 * @param firstMs when the first scored record arrived
 * @param fullMs when full throughput was reached
 * @param steadyPerSecond the steady rate, records per second
 */
public record Ramp(long firstMs, long fullMs, double steadyPerSecond) {
  /** The share of the steady rate that counts as full throughput. */
  public static final double FULL = 0.9;

  private static final long BUCKET_MS = 1000;

  /** @throws IllegalArgumentException when the arrivals span fewer than four whole buckets: too short to tell */
  public static Ramp of(long[] arrivalsMs) {
    long[] sorted = arrivalsMs.clone();
    Arrays.sort(sorted);
    long first = sorted.length == 0 ? 0 : sorted[0];
    int buckets = sorted.length == 0 ? 0 : (int) ((sorted[sorted.length - 1] - first) / BUCKET_MS);
    if (buckets < 4) {
      throw new IllegalArgumentException("the scored records span " + buckets + " whole seconds; a ramp needs at least 4: send more events");
    }
    // whole buckets only: the last, partial one would read as a slowdown
    double[] rates = new double[buckets];
    for (long t : sorted) {
      int bucket = (int) ((t - first) / BUCKET_MS);
      if (bucket < buckets) {
        rates[bucket]++;
      }
    }
    double steady = Stats.percentile(Arrays.copyOfRange(rates, buckets / 2, buckets), 0.5);
    int full = 0;
    while (rates[full] < FULL * steady) {
      full++;
    }
    return new Ramp(first, first + full * BUCKET_MS, steady);
  }
}
