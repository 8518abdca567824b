package io.penultimate.stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Optional;

/**
 * A scored event whose true label is known: what the rolling quality measures consume. The
 * timestamp (epoch ms) is the event's when it carried its label, else the label record's. The
 * answers ({@code confidence}, {@code oodPValue}, {@code ood}, {@code trust}) are those of the
 * scored event; they are null only in outcomes written before events carried them, which the
 * quality processor completes from the scores ({@link EventAnswers#recomputed}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(
    String id,
    int predicted,
    int label,
    Map<String, Double> scores,
    Double confidence,
    Double oodPValue,
    Boolean ood,
    Double trust,
    long timestamp) {

  /** An outcome with its event's answers; {@code answers} null: an event stored without them. */
  public static Outcome of(String id, int predicted, int label, Map<String, Double> scores, EventAnswers answers, long timestamp) {
    return answers == null
        ? new Outcome(id, predicted, label, scores, null, null, null, null, timestamp)
        : new Outcome(id, predicted, label, scores, answers.confidence(), answers.oodPValue(), answers.ood(), answers.trust(), timestamp);
  }

  public boolean correct() {
    return predicted == label;
  }

  /** Empty for an outcome written before events carried their answers. */
  @JsonIgnore
  public Optional<EventAnswers> answers() {
    return confidence == null || oodPValue == null || ood == null || trust == null
        ? Optional.empty()
        : Optional.of(new EventAnswers(confidence, oodPValue, ood, trust));
  }

  /** The same outcome with these answers. */
  public Outcome withAnswers(EventAnswers answers) {
    return of(id, predicted, label, scores, answers, timestamp);
  }
}
