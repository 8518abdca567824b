package io.penultimate.stream;

import io.penultimate.model.Inference;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.EncoderBundle;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/** Wires the topology into a running KafkaStreams client. */
public final class MonitorApp {
  private MonitorApp() {}

  /** Streams defaults a deployment wants; every one can be overridden by the user's properties. */
  public static Properties streamsProperties(String applicationId, String bootstrapServers, Properties overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // the default from Kafka 5.0 on, and 4.x warns until it is set; the topology has no global state anyway.
    // Once more for the main consumer: its partition assignor builds a StreamsConfig of the consumer's settings and warns too
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
    props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), "true");
    props.putAll(overrides);
    return props;
  }

  public static KafkaStreams create(
      MonitorConfig config,
      EncoderBundle bundle,
      int inputSize,
      Supplier<Inference> inferences,
      MonitorObserver observer,
      Properties properties) {
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    EventParser parser = new EventParser(inputSize, bundle.numClasses(), config.maxEventBytes(), config.inputFormat());
    Supplier<EventScorer> scorers = () -> new EventScorer(inferences.get(), scorer, config.scoring());
    return new KafkaStreams(
        MonitorTopology.build(config.topics(), parser, scorer, scorers, config.batch(), config.quality(), observer), properties);
  }
}
