package io.penultimate.evaluation;

/** The rolling quality of several score columns over a set of labelled predictions. */
public interface QualityFigures {
  /** Labelled predictions covered. */
  int size();

  /** NaN while empty. */
  double accuracy();

  /** AUROC of correct vs wrong by column {@code column}'s score; NaN while one class is missing. */
  double auroc(int column);

  /** ECE of column {@code column}'s calibrated P(correct); NaN while empty. */
  double expectedCalibrationError(int column);
}
