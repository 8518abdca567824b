package io.penultimate.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Scores each event and forwards the result to the scores sink, or, when the event cannot be
 * scored, forwards the original bytes to the dead-letter sink with the reason in a header. Each
 * processor instance (one per stream task) gets its own {@link EventScorer}, hence its own network.
 */
final class ScoringProcessor implements Processor<String, byte[], String, byte[]> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<EventScorer> scorers;
  private final EventParser parser;
  private ProcessorContext<String, byte[]> context;
  private EventScorer scorer;

  ScoringProcessor(Supplier<EventScorer> scorers, EventParser parser) {
    this.scorers = scorers;
    this.parser = parser;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.scorer = scorers.get();
  }

  @Override
  public void process(Record<String, byte[]> record) {
    ScoredEvent scored;
    try {
      InputEvent event = parser.parse(record.value(), record.timestamp());
      scored = scorer.score(List.of(event)).get(0);
    } catch (InvalidEventException | IllegalArgumentException e) {
      deadLetter(record, e.getMessage());
      return;
    }
    context.forward(record.withKey(scored.id()).withValue(json(scored)), MonitorTopology.SCORES_SINK);
  }

  private void deadLetter(Record<String, byte[]> record, String reason) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    context.recordMetadata().ifPresent(meta -> {
      headers.add(DeadLetterHeaders.TOPIC, meta.topic().getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.PARTITION, Integer.toString(meta.partition()).getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.OFFSET, Long.toString(meta.offset()).getBytes(StandardCharsets.UTF_8));
    });
    context.forward(record.withHeaders(headers), MonitorTopology.DEAD_LETTER_SINK);
  }

  private static byte[] json(ScoredEvent event) {
    try {
      return JSON.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a scored event always serialises", e);
    }
  }
}
