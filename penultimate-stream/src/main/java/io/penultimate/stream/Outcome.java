package io.penultimate.stream;

import java.util.Map;

/**
 * A scored event whose true label is known: what the rolling quality measures consume. The
 * timestamp (epoch ms) is the event's when it carried its label, else the label record's.
 */
public record Outcome(String id, int predicted, int label, Map<String, Double> scores, long timestamp) {
  public boolean correct() {
    return predicted == label;
  }
}
