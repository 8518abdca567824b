package io.penultimate.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.Answers;
import io.penultimate.bundle.ConfidenceScorer;
import io.penultimate.bundle.ScoreName;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.stream.EventAnswers;
import io.penultimate.stream.MonitorConfig;
import io.penultimate.stream.MonitorObserver;
import io.penultimate.stream.MonitorTopology;
import io.penultimate.stream.Outcome;
import io.penultimate.stream.TopicCheck;
import io.penultimate.stream.Topics;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How many outcomes per second the quality stage alone sustains ({@link
 * MonitorTopology#qualityStage}: one task per outcomes partition, then the merge), on a real
 * broker: a backlog of outcome records already in an outcomes topic of P partitions, read by a
 * Streams application with P stream threads in this process. Progress is the application's
 * committed offsets on the outcomes topic (its producer writes no transaction markers there), so
 * neither the windows' size nor the publish interval bounds what is measured; the rate runs from
 * the first committed progress to the last outcome committed.
 */
public final class QualityBench {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One run's figures. */
  public record Figures(int partitions, int outcomes, double outcomesPerSecond) {}

  private QualityBench() {}

  /**
   * Outcome records of real scored events, as the scoring stage writes them: each test sample's
   * served scores and answers with its true label.
   */
  public static List<byte[]> outcomes(LabeledOutputs outputs, ConfidenceScorer scorer, long timestamp) {
    List<byte[]> records = new ArrayList<>();
    int[] predicted = outputs.outputs().predicted();
    for (int i = 0; i < outputs.size(); i++) {
      double[] logits = outputs.outputs().logits()[i];
      double[] scores = scorer.scores(outputs.outputs().hidden()[i], logits);
      Answers.Answer answer = scorer.answer(logits, scores);
      Map<String, Double> byKey = new LinkedHashMap<>();
      for (ScoreName score : scorer.selection().served()) {
        byKey.put(score.key(), scores[score.ordinal()]);
      }
      EventAnswers answers = new EventAnswers(answer.confidence(), answer.oodPValue(), answer.ood(), answer.trust());
      records.add(write(Outcome.of("q" + i, predicted[i], outputs.labels()[i], byKey, answers, timestamp)));
    }
    return records;
  }

  /** Writes {@code count} outcomes (cycling through {@code records}) to fresh topics of {@code partitions}, then runs the stage over them. */
  public static Figures run(MonitorConfig config, ConfidenceScorer scorer, List<byte[]> records, int count, int partitions)
      throws Exception {
    String name = "quality-bench-" + partitions + "-" + System.nanoTime();
    Topics topics = Topics.withPrefix(name);
    try (TopicCheck check = TopicCheck.connect(config.bootstrapServers())) {
      check.createMissing(topics, new TopicCheck.Creation(partitions, Optional.empty()));
    }
    produce(config.bootstrapServers(), topics.outcomes(), records, count);
    Properties properties = config.with(topics).with("application-id", name).streamsProperties();
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, partitions);
    properties.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    try (KafkaStreams streams = new KafkaStreams(
            MonitorTopology.qualityStage(topics, scorer, config.qualityWindows(), MonitorObserver.NONE), properties);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      streams.start();
      return new Figures(partitions, count, rate(admin, name, topics.outcomes(), count));
    }
  }

  private static void produce(String servers, String topic, List<byte[]> records, int count) {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, EventReplay.SAFE_IN_FLIGHT,
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < count; i++) {
        // the ids cycle with the records; the key only spreads the outcomes over the partitions
        producer.send(new ProducerRecord<>(topic, "o" + i, records.get(i % records.size())));
      }
    }
  }

  /** Outcomes per second between the first committed progress and the commit of the last outcome. */
  private static double rate(Admin admin, String group, String topic, int count) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long firstNanos = 0;
    long firstCommitted = 0;
    while (System.nanoTime() < deadline) {
      long committed = committed(admin, group, topic);
      long now = System.nanoTime();
      if (committed > 0 && firstNanos == 0) {
        firstNanos = now;
        firstCommitted = committed;
      }
      if (committed >= count) {
        if (committed == firstCommitted) {
          throw new IllegalStateException("every outcome was committed at once: raise --outcomes to measure a rate");
        }
        return (committed - firstCommitted) / ((now - firstNanos) / 1e9);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the quality stage did not commit " + count + " outcomes of " + topic + " within " + TIMEOUT);
  }

  private static long committed(Admin admin, String group, String topic) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long sum = 0;
    for (var entry : offsets.entrySet()) {
      if (entry.getValue() != null && entry.getKey().topic().equals(topic)) {
        sum += entry.getValue().offset();
      }
    }
    return sum;
  }

  private static byte[] write(Outcome outcome) {
    try {
      return JSON.writeValueAsBytes(outcome);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("an outcome always serialises", e);
    }
  }
}
