package io.penultimate.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The event and label JSON a producer sends: the writing side of {@link EventParser}. */
public final class EventJson {
  private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private EventJson() {}

  /**
   * The event JSON of one image; the label is included only when asked for. Written token by
   * token with Jackson's shortest-representation float writer: formatting 784 floats is most of a
   * replay's CPU, which the monitor on the same machine would otherwise lose.
   */
  public static String event(String id, float[] features, Integer label, long timestamp) {
    return write(16 * features.length, json -> {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeFieldName("features");
      json.writeStartArray();
      for (float f : features) {
        json.writeNumber(f);
      }
      json.writeEndArray();
      if (label != null) {
        json.writeNumberField("label", label);
      }
      json.writeNumberField("timestamp", timestamp);
      json.writeEndObject();
    });
  }

  /** The label JSON {@code {"id": ..., "label": ...}}. */
  public static String label(String id, int label) {
    return write(64, json -> {
      json.writeStartObject();
      json.writeStringField("id", id);
      json.writeNumberField("label", label);
      json.writeEndObject();
    });
  }

  private interface JsonBody {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static String write(int capacity, JsonBody body) {
    StringWriter out = new StringWriter(capacity);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return out.toString();
  }
}
