package io.penultimate.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The output record of one event (see README, "Event schemas").
 *
 * @param predicted the index of the predicted class
 * @param predictedClass its name in the bundle (the index as text when the model names no classes)
 * @param softmax the max softmax probability
 * @param scores every confidence score by key
 * @param confidence the calibrated P(correct): the misclassification answer
 * @param oodPValue the conformal p-value of "this input is in-distribution"
 * @param ood whether {@code oodPValue} is below the bundle's level α, which bounds the false-alarm
 *     rate on in-distribution inputs
 * @param trust P(in-distribution and correct) at the bundle's assumed OOD share: the answer to
 *     "accept this prediction?"
 * @param lowestNodes the hidden nodes least likely under the predicted class, lowest first
 * @param label the true label when the event carried one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredEvent(
    String id,
    int predicted,
    String predictedClass,
    double softmax,
    Map<String, Double> scores,
    double confidence,
    double oodPValue,
    boolean ood,
    double trust,
    List<NodeLikelihood> lowestNodes,
    String modelVersion,
    String encoderVersion,
    Integer label,
    long timestamp) {

  /** A hidden node's value and its log-density under the predicted class. */
  public record NodeLikelihood(int node, double value, double logDensity) {}
}
