package io.penultimate.stream;

import io.penultimate.model.Inference;
import io.penultimate.bundle.Answers;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.encoder.HiddenEncoder;
import io.penultimate.model.ModelOutputs;
import io.penultimate.score.SoftmaxScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns input events into scored events: model inference (one batched call), then the served
 * scores of the bundle and the three answers. Plain Java; the Kafka processor around it only moves bytes. Not thread-safe when
 * its {@link Inference} is not: one instance per stream task.
 */
public final class EventScorer {
  private final Inference inference;
  private final ConfidenceScorer scorer;
  private final ScoringSettings settings;
  private final HiddenEncoder nodeEncoder;

  public EventScorer(Inference inference, ConfidenceScorer scorer, ScoringSettings settings) {
    this.inference = inference;
    this.scorer = scorer;
    this.settings = settings;
    this.nodeEncoder = scorer.bundle().encoder(settings.nodeEncoder());
  }

  public ScoredBatch scoreBatch(List<InputEvent> events) {
    float[][] batch = new float[events.size()][];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = events.get(i).features();
    }
    ModelOutputs outputs = inference.run(batch);
    double[][] values = scorer.scores(outputs.hidden(), outputs.logits());
    List<ScoredEvent> out = new ArrayList<>(events.size());
    double[][] logDensities = new double[batch.length][];
    for (int i = 0; i < batch.length; i++) {
      double[] hidden = outputs.hidden()[i];
      int predicted = SoftmaxScores.predicted(outputs.logits()[i]);
      logDensities[i] = nodeLogDensities(hidden, predicted);
      out.add(score(events.get(i), hidden, outputs.logits()[i], values[i], logDensities[i]));
    }
    return new ScoredBatch(out, outputs.hidden(), logDensities);
  }

  private double[] nodeLogDensities(double[] hidden, int predicted) {
    double[] out = new double[hidden.length];
    for (int i = 0; i < hidden.length; i++) {
      out[i] = nodeEncoder.logDensity(predicted, i, hidden[i]);
    }
    return out;
  }

  private ScoredEvent score(InputEvent event, double[] hidden, double[] logits, double[] values, double[] logDensities) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (ScoreName score : scorer.selection().served()) {
      scores.put(score.key(), values[score.ordinal()]);
    }
    int predicted = SoftmaxScores.predicted(logits);
    Answers.Answer answer = scorer.answer(logits, values);
    return new ScoredEvent(
        event.id(),
        predicted,
        scorer.bundle().classNames().get(predicted),
        values[ScoreName.SOFTMAX.ordinal()],
        scores,
        answer.confidence(),
        answer.oodPValue(),
        answer.ood(),
        answer.trust(),
        lowestNodes(hidden, logDensities),
        settings.modelVersion(),
        settings.encoderVersion(),
        event.label().isPresent() ? event.label().getAsInt() : null,
        event.timestamp());
  }

  private List<ScoredEvent.NodeLikelihood> lowestNodes(double[] hidden, double[] logDensities) {
    List<ScoredEvent.NodeLikelihood> nodes = new ArrayList<>(hidden.length);
    for (int i = 0; i < hidden.length; i++) {
      nodes.add(new ScoredEvent.NodeLikelihood(i, hidden[i], logDensities[i]));
    }
    nodes.sort(Comparator.comparingDouble(ScoredEvent.NodeLikelihood::logDensity));
    return List.copyOf(nodes.subList(0, Math.min(settings.lowestNodes(), nodes.size())));
  }
}
