package io.penultimate.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.penultimate.bundle.ScoreName;
import io.penultimate.evaluation.QualityWindow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The rolling quality after one more labelled event, over the last {@code labelled} events:
 * accuracy and, per score, the exact AUROC of correct vs wrong predictions (null when the window
 * holds only one class: undefined, not 0) and the expected calibration error of its calibrated
 * P(correct). {@code time} is the same over the time window (null inside it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualitySnapshot(
    int labelled, double accuracy, Map<String, Double> auroc, Map<String, Double> ece, QualitySnapshot time) {

  /** The state of two windows over every {@link ScoreName}, in ordinal order: {@code count}, with {@code time} inside. */
  public static QualitySnapshot of(QualityWindow count, QualityWindow time) {
    return over(count, over(time, null));
  }

  private static QualitySnapshot over(QualityWindow window, QualitySnapshot time) {
    return new QualitySnapshot(
        window.size(), window.accuracy(), byScore(window::auroc), byScore(window::expectedCalibrationError), time);
  }

  /** Per score key; NaN (undefined) becomes null, which JSON can carry. */
  private static Map<String, Double> byScore(IntToDoubleFunction value) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (ScoreName score : ScoreName.values()) {
      double v = value.applyAsDouble(score.ordinal());
      out.put(score.key(), Double.isNaN(v) ? null : v);
    }
    return out;
  }
}
