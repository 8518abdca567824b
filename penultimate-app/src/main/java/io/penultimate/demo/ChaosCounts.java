package io.penultimate.demo;

/**
 * What the monitors committed in a chaos run, read back read_committed. {@code scored} and {@code
 * outcomes} are distinct event ids, the duplicates the records beyond one per id; {@code quality}
 * and {@code qualityTime} are the sizes of the last merged snapshot's count and time windows,
 * {@code qualityMax} the largest count window any snapshot reported (over the event count: an
 * outcome counted twice); {@code strangeIds} are keys that are no event id of the run.
 */
public record ChaosCounts(int events, int scored, int scoreDuplicates, int outcomes, int outcomeDuplicates, int quality,
    int qualityTime, int qualityMax, int deadLetters, int strangeIds) {
  /** Every event scored and joined to its label once, nothing dead-lettered, and both quality windows holding exactly them all. */
  public boolean exact() {
    return scored == events && scoreDuplicates == 0 && outcomes == events && outcomeDuplicates == 0 && quality == events
        && qualityTime == events && qualityMax == events && deadLetters == 0 && strangeIds == 0;
  }
}
