package io.penultimate.demo;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * How far the scored output trails the input over a run. At time t (milliseconds from the run's
 * start) the backlog is
 *
 * <pre>  b(t) = #{events sent by t} − #{distinct events whose score was read back, read_committed, by t}</pre>
 *
 * At a steady rate below capacity it hovers in a narrow range (the batch linger, the commit
 * interval, the reader's poll); a fault that stops some partitions makes it grow until the
 * monitors have caught up again.
 *
 */
public final class Backlog {
  /** How often the backlog is sampled. */
  public static final long STEP_MS = 100;

  /** The span before a fault whose samples give the backlog's normal range. */
  public static final long BASELINE_MS = 10_000;

  /**
   * The threshold is never under the events sent in this span before the fault. At a low rate the
   * largest backlog of a quiet baseline is a handful of events (8 at 40/s), and the ripples of a
   * broker's leader moves crossed it for a minute without ever holding the output back a second.
   */
  public static final long FLOOR_MS = 1_000;

  /**
   * What a fault did to the backlog.
   *
   * @param threshold the largest backlog sampled in the {@link #BASELINE_MS} before the fault, or
   *     the events sent in the {@link #FLOOR_MS} before it if that is more
   * @param peak the largest backlog sampled from the fault to the end of its span
   * @param millis from the fault until the backlog is back at or under the threshold for the rest
   *     of the span (0: it never left); empty when it was still over it at the span's last sample
   */
  public record Recovery(int threshold, int peak, OptionalLong millis) {}

  private final long[] sentMs;
  private final long[] scoredMs;

  /**
   * @param sentMs when each event was handed to the producer
   * @param scoredMs when each event's first score arrived at the reader
   */
  public Backlog(long[] sentMs, long[] scoredMs) {
    this.sentMs = sorted(sentMs);
    this.scoredMs = sorted(scoredMs);
  }

  /** b(t). */
  public int at(long t) {
    return upTo(sentMs, t) - upTo(scoredMs, t);
  }

  /**
   * How the backlog recovered from a fault at {@code faultMs}, judged on samples every {@link
   * #STEP_MS} up to {@code untilMs} (the next fault, or the last score of the run): the recovery
   * time is from the fault to the sample after the last one over the pre-fault threshold.
   */
  public Recovery after(long faultMs, long untilMs) {
    if (untilMs <= faultMs) {
      throw new IllegalArgumentException("the span must end after the fault at " + faultMs + " ms, found " + untilMs + " ms");
    }
    int threshold = upTo(sentMs, faultMs) - upTo(sentMs, faultMs - FLOOR_MS);
    for (long t = faultMs - BASELINE_MS; t < faultMs; t += STEP_MS) {
      threshold = Math.max(threshold, at(t));
    }
    int peak = 0;
    long lastOver = -1;
    long lastSample = faultMs;
    for (long t = faultMs; t <= untilMs; t += STEP_MS) {
      int backlog = at(t);
      peak = Math.max(peak, backlog);
      if (backlog > threshold) {
        lastOver = t;
      }
      lastSample = t;
    }
    if (lastOver < 0) {
      return new Recovery(threshold, peak, OptionalLong.of(0));
    }
    return new Recovery(threshold, peak, lastOver == lastSample ? OptionalLong.empty() : OptionalLong.of(lastOver + STEP_MS - faultMs));
  }

  /** How many of the sorted times are at or before t. */
  private static int upTo(long[] times, long t) {
    int index = Arrays.binarySearch(times, t);
    if (index < 0) {
      return -index - 1;
    }
    // binarySearch finds any of equal times: the count runs to the last of them
    while (index + 1 < times.length && times[index + 1] == t) {
      index++;
    }
    return index + 1;
  }

  private static long[] sorted(long[] times) {
    long[] copy = times.clone();
    Arrays.sort(copy);
    return copy;
  }
}
