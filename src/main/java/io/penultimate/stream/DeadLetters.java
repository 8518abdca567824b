package io.penultimate.stream;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Forwards a record it could not handle, unchanged, to the dead-letter sink with the reason in headers. */
final class DeadLetters {
  private DeadLetters() {}

  static <V> void forward(ProcessorContext<String, V> context, Record<String, V> record, String reason) {
    Headers headers = new RecordHeaders(record.headers().toArray());
    headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    context.recordMetadata().ifPresent(meta -> {
      headers.add(DeadLetterHeaders.TOPIC, meta.topic().getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.PARTITION, Integer.toString(meta.partition()).getBytes(StandardCharsets.UTF_8));
      headers.add(DeadLetterHeaders.OFFSET, Long.toString(meta.offset()).getBytes(StandardCharsets.UTF_8));
    });
    context.forward(record.withHeaders(headers), MonitorTopology.DEAD_LETTER_SINK);
  }
}
