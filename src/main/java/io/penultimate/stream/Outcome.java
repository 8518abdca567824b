package io.penultimate.stream;

import java.util.Map;

/** A scored event whose true label is known: what the rolling quality measures consume. */
public record Outcome(String id, int predicted, int label, Map<String, Double> scores) {
  public boolean correct() {
    return predicted == label;
  }
}
