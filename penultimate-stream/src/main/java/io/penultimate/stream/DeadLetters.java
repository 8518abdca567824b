package io.penultimate.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Forwards a record it could not handle, unchanged, to the dead-letter sink with the reason in
 * headers, cut to {@link Reasons#MAX_LENGTH} characters.
 */
final class DeadLetters {
  private DeadLetters() {}

  /** Where a dead-lettered record was read. */
  record Origin(String topic, int partition, long offset) {
    static Origin of(RecordMetadata meta) {
      return new Origin(meta.topic(), meta.partition(), meta.offset());
    }
  }

  /** The record being processed now, with its origin from the context. */
  static <V> void forward(ProcessorContext<String, V> context, Record<String, V> record, String reason) {
    forward(context, record, reason, context.recordMetadata().map(Origin::of).orElse(null));
  }

  /** A record read earlier (from a punctuation there is no current record); origin may be null. */
  static <V> void forward(ProcessorContext<String, V> context, Record<String, V> record, String reason, Origin origin) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(DeadLetterHeaders.REASON, Reasons.capped(reason).getBytes(StandardCharsets.UTF_8));
    if (origin != null) {
      headers.add(DeadLetterHeaders.TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.PARTITION, Integer.toString(origin.partition()).getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.OFFSET, Long.toString(origin.offset()).getBytes(StandardCharsets.UTF_8));
    }
    context.forward(record.withHeaders(headers), MonitorTopology.DEAD_LETTER_SINK);
  }
}
