package io.penultimate.evaluation;

import java.util.List;

/**
 * A {@link QualityWindow} cut down to what merging needs, small and of fixed size whatever the
 * window holds: its size and correct count, and per score column a {@link RankSketch} of the
 * correct and of the wrong predictions' scores and the {@link CalibrationSums} of its calibrated
 * P(correct).
 */
public record WindowSummary(int size, int correct, List<RankSketch> correctScores, List<RankSketch> wrongScores,
    List<CalibrationSums> calibration) {
  public WindowSummary {
    correctScores = List.copyOf(correctScores);
    wrongScores = List.copyOf(wrongScores);
    calibration = List.copyOf(calibration);
    if (correct < 0 || correct > size || correctScores.size() != wrongScores.size() || calibration.size() != correctScores.size()) {
      throw new IllegalArgumentException("a window summary needs 0 <= correct <= size and as many columns of each kind; found correct "
          + correct + " of " + size + ", columns " + correctScores.size() + ", " + wrongScores.size() + ", " + calibration.size());
    }
    for (int c = 0; c < correctScores.size(); c++) {
      if (correctScores.get(c).count() != correct || wrongScores.get(c).count() != size - correct || calibration.get(c).count() != size) {
        throw new IllegalArgumentException("column " + c + " of a window summary covers " + correctScores.get(c).count() + " correct, "
            + wrongScores.get(c).count() + " wrong and " + calibration.get(c).count() + " calibrated predictions, not "
            + correct + ", " + (size - correct) + " and " + size);
      }
    }
  }

  public int columns() {
    return correctScores.size();
  }
}
