package io.penultimate.stream;

import io.penultimate.bundle.ConfidenceScorer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** Builds the monitor's Kafka Streams client from its configuration and the model it scores with. */
public final class MonitorStreams {
  private MonitorStreams() {}

  /** A client not yet started; {@code config} must have been validated. */
  public static KafkaStreams create(MonitorConfig config, ScoringModel model, MonitorObserver observer) {
    ConfidenceScorer scorer = new ConfidenceScorer(model.bundle(), config.scoreSelection(), model.products());
    EventParser parser = new EventParser(model.inputSize(), model.bundle().numClasses(), config.maxEventBytes(), config.inputFormat(),
        config.oipInput().orElse(null));
    ScoringSettings scoring = config.scoring(model.modelVersion(), model.encoderVersion());
    Supplier<EventScorer> scorers = () -> new EventScorer(model.inferences().get(), scorer, scoring);
    return new KafkaStreams(
        MonitorTopology.build(config.topics(), parser, scorer, scorers, config.batch(), config.labelTiming(), config.qualityWindows(), observer),
        config.streamsProperties());
  }
}
