package io.penultimate.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The rolling quality after one more labelled event, over the last {@code labelled} events:
 * accuracy and, per score, the exact AUROC of correct vs wrong predictions (null when the window
 * holds only one class: undefined, not 0) and the expected calibration error of its calibrated
 * P(correct). {@code time} is the same over the time window (null inside it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualitySnapshot(
    int labelled, double accuracy, Map<String, Double> auroc, Map<String, Double> ece, QualitySnapshot time) {}
