package io.penultimate.demo;

import java.time.Duration;

/**
 * One sample of a soak run.
 *
 * @param elapsed since the replay started
 * @param stateBytes the monitor's state directory on disk
 * @param eventsLag events the monitor has not committed yet
 * @param labelsLag labels the monitor has not committed yet
 * @param produced events in the events topic so far
 * @param scored events the monitor has committed: scored, or waiting in its batch buffer
 */
public record SoakSample(
    Duration elapsed, ProcessMemory.Reading memory, long stateBytes, long eventsLag, long labelsLag, long produced, long scored) {

  private static final double MB = 1024 * 1024;

  /** A line for the progress log. */
  String summary() {
    return String.format("%5.1f min  RSS %.0f MB, heap after GC %.0f MB, other native %.0f MB, state %.1f MB, lag %d events %d labels,"
            + " %d sent, %d scored", elapsed.toMillis() / 60e3, memory.rss() / MB, memory.heapAfterGc() / MB, memory.otherNative() / MB,
        stateBytes / MB, eventsLag, labelsLag, produced, scored);
  }
}
