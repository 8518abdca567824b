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
 * @param confidence the calibrated P(correct) of the primary score
 * @param ood whether the OOD score is below its threshold at 95% TPR on validation data
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
    boolean ood,
    String oodMethod,
    double oodScore,
    List<NodeLikelihood> lowestNodes,
    String modelVersion,
    String encoderVersion,
    Integer label,
    long timestamp) {

  /** A hidden node's value and its log-density under the predicted class. */
  public record NodeLikelihood(int node, double value, double logDensity) {}
}
