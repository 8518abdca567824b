package io.penultimate.demo;

import java.time.Duration;

/**
 * One sample of a soak run.
 *
 * @param elapsed since the replay started
 * @param stateBytes the monitor's state directory on disk
 * @param storeKeys the keys in the monitor's RocksDB stores, as RocksDB estimates them (its {@code
 *     estimate-num-keys}, summed): flat while the bytes on disk grow means garbage waiting for compaction, not more state
 * @param eventsLag events the monitor has not committed yet
 * @param labelsLag labels the monitor has not committed yet
 * @param produced events in the events topic so far
 * @param scored events the monitor has committed: scored, or waiting in its batch buffer
 */
public record SoakSample(
    Duration elapsed, ProcessMemory.Reading memory, long stateBytes, long storeKeys, long eventsLag, long labelsLag, long produced,
    long scored) {

  private static final double MB = 1024 * 1024;

  /** A line for the progress log. */
  String summary() {
    return String.format("%5.1f min  RSS %.0f MB, heap after GC %.0f MB, other native %.0f MB, state %.1f MB (%d keys), lag %d events"
            + " %d labels, %d sent, %d scored", elapsed.toMillis() / 60e3, memory.rss() / MB, memory.heapAfterGc() / MB,
        memory.otherNative() / MB, stateBytes / MB, storeKeys, eventsLag, labelsLag, produced, scored);
  }
}
