package io.penultimate.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.penultimate.evaluation.QualityFigures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * The rolling quality over {@code labelled} labelled events (the last N of each partition, merged):
 * accuracy and, per score and per answer, the AUROC of correct vs wrong predictions (null when
 * the window holds only one class: undefined, not 0) and the expected calibration error of its
 * P(correct). {@code time} is the same over the time window (null inside it). Accuracy, counts and
 * ECE are exact; the AUROC is exact within one partition and within 1/{@value
 * QualityProcessor#SKETCH_POINTS} of the exact value over several ({@link
 * io.penultimate.evaluation.MergedQuality}).
 *
 * <p>The keys are the served scores ({@link QualityColumns}), then the answers {@value #CONFIDENCE}
 * (the calibrated P(correct) itself) and {@value #TRUST}. Trust is P(in-distribution and correct), not a
 * P(correct): labelled events are in-distribution ones, so its ECE against correctness would
 * measure the assumed OOD share as much as calibration, and {@code ece} leaves it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualitySnapshot(
    int labelled, double accuracy, Map<String, Double> auroc, Map<String, Double> ece, QualitySnapshot time) {

  public static final String CONFIDENCE = "confidence";
  public static final String TRUST = "trust";

  /** The state of two windows over {@code columns}: {@code count}, with {@code time} inside. */
  public static QualitySnapshot of(QualityColumns columns, QualityFigures count, QualityFigures time) {
    return over(columns, count, over(columns, time, null));
  }

  private static QualitySnapshot over(QualityColumns columns, QualityFigures window, QualitySnapshot time) {
    List<String> keys = columns.aurocKeys();
    return new QualitySnapshot(window.size(), window.accuracy(), byKey(keys, keys, window::auroc),
        byKey(keys, columns.eceKeys(), window::expectedCalibrationError), time);
  }

  /** Per key (its column is its position in {@code columns}); NaN (undefined) becomes null, which JSON can carry. */
  private static Map<String, Double> byKey(List<String> columns, List<String> keys, IntToDoubleFunction value) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String key : keys) {
      double v = value.applyAsDouble(columns.indexOf(key));
      out.put(key, Double.isNaN(v) ? null : v);
    }
    return out;
  }
}
