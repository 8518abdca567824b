package io.penultimate.stream;

import java.util.Map;

/**
 * The rolling quality after one more labelled event: accuracy and, per score, the exact AUROC of
 * correct vs wrong predictions over the last {@code labelled} events (null when the window holds
 * only one class: undefined, not 0) and the expected calibration error of its calibrated
 * P(correct).
 */
public record QualitySnapshot(int labelled, double accuracy, Map<String, Double> auroc, Map<String, Double> ece) {}
