package io.penultimate.evaluation;

/**
 * Brier score of a predicted probability of being correct (Brier 1950, "Verification of forecasts
 * expressed in terms of probability"): BS = (1/n) Σ (c_i − 1[correct_i])², between 0 (certain
 * and right) and 1 (certain and wrong); a constant c = accuracy a scores a(1 − a). Unlike ECE it
 * rewards sharpness as well as calibration, and has no bins.
 */
public final class BrierScore {
  private BrierScore() {}

  /** Throws IllegalArgumentException if the arrays differ in length or are empty, or a confidence is outside [0, 1]. */
  public static double of(double[] confidence, boolean[] correct) {
    if (confidence.length != correct.length) {
      throw new IllegalArgumentException(
          "confidences and labels differ in length: " + confidence.length + " vs " + correct.length);
    }
    if (confidence.length == 0) {
      throw new IllegalArgumentException("need at least one prediction, found none");
    }
    Checks.unitInterval(confidence, "confidence");
    double sum = 0;
    for (int i = 0; i < confidence.length; i++) {
      double gap = confidence[i] - (correct[i] ? 1 : 0);
      sum += gap * gap;
    }
    return sum / confidence.length;
  }
}
