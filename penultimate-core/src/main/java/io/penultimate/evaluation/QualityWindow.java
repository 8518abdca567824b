package io.penultimate.evaluation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling quality of several confidence scores over one window of labelled predictions: per score
 * the exact AUROC of correct vs wrong and the ECE of its calibrated P(correct), plus accuracy.
 * The window holds at most {@code capacity} predictions and, when a {@code span} is given, only
 * those whose timestamp is within {@code span} of the latest timestamp seen (predictions leave in
 * arrival order, so one that arrives late with an old timestamp stays until those before it left).
 */
public final class QualityWindow implements QualityFigures {
  private final int capacity;
  private final Duration span;
  private final RollingAuroc[] aurocs;
  private final RollingCalibration[] calibrations;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private int correctCount;
  private long latest = Long.MIN_VALUE;

  private record Entry(long timestamp, boolean correct) {}

  /** {@code span} null: bounded by count only. */
  public QualityWindow(int scores, int capacity, Duration span) {
    if (capacity < 1 || scores < 1 || (span != null && (span.isNegative() || span.isZero()))) {
      throw new IllegalArgumentException("need scores >= 1, capacity >= 1 and a positive span, found " + scores + ", " + capacity + ", " + span);
    }
    this.capacity = capacity;
    this.span = span;
    this.aurocs = new RollingAuroc[scores];
    this.calibrations = new RollingCalibration[scores];
    for (int i = 0; i < scores; i++) {
      // evictions are done here, so the window's own capacity is never the binding one
      aurocs[i] = new RollingAuroc(capacity + 1);
      calibrations[i] = new RollingCalibration(capacity + 1);
    }
  }

  /**
   * Adds one labelled prediction: its raw score and calibrated P(correct) per score (same order
   * as the constructor's count), and whether it was correct.
   */
  public void add(long timestamp, double[] scores, double[] calibrated, boolean correct) {
    for (int i = 0; i < aurocs.length; i++) {
      aurocs[i].add(scores[i], correct);
      calibrations[i].add(calibrated[i], correct);
    }
    entries.addLast(new Entry(timestamp, correct));
    correctCount += correct ? 1 : 0;
    latest = Math.max(latest, timestamp);
    while (entries.size() > capacity || (span != null && entries.peekFirst().timestamp() < latest - span.toMillis())) {
      removeOldest();
    }
  }

  private void removeOldest() {
    correctCount -= entries.removeFirst().correct() ? 1 : 0;
    for (int i = 0; i < aurocs.length; i++) {
      aurocs[i].removeOldest();
      calibrations[i].removeOldest();
    }
  }

  /** The window as a summary of fixed size, its score samples cut to at most {@code maxPoints} points each. */
  public WindowSummary summary(int maxPoints) {
    List<RankSketch> correct = new ArrayList<>();
    List<RankSketch> wrong = new ArrayList<>();
    List<CalibrationSums> calibration = new ArrayList<>();
    for (int i = 0; i < aurocs.length; i++) {
      correct.add(RankSketch.of(aurocs[i].sortedScores(true), maxPoints));
      wrong.add(RankSketch.of(aurocs[i].sortedScores(false), maxPoints));
      calibration.add(calibrations[i].sums());
    }
    return new WindowSummary(entries.size(), correctCount, correct, wrong, calibration);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public double accuracy() {
    return entries.isEmpty() ? Double.NaN : (double) correctCount / entries.size();
  }

  @Override
  public double auroc(int score) {
    return aurocs[score].auroc();
  }

  @Override
  public double expectedCalibrationError(int score) {
    return calibrations[score].expected();
  }
}
