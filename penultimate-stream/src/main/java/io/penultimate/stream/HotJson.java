package io.penultimate.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the records written or read once per event, token by token: the scored event and the
 * outcome. The output is byte for byte what {@link Json}'s data binding writes (HotJsonTest checks
 * it), and the outcome reader accepts what that writes; only the cost differs. In a JFR profile of
 * {@code bench stream}'s labelled phase the data binding of these records (its property
 * introspection, boxing and buffer recycling around the number formatting) took a third of the
 * stream thread.
 */
final class HotJson {
  private HotJson() {}

  static byte[] write(ScoredEvent event) {
    return write(256 + 32 * event.scores().size(), json -> {
      json.writeStartObject();
      json.writeStringField("id", event.id());
      json.writeNumberField("predicted", event.predicted());
      if (event.predictedClass() != null) {
        json.writeStringField("predictedClass", event.predictedClass());
      }
      json.writeNumberField("softmax", event.softmax());
      writeScores(json, event.scores());
      json.writeNumberField("confidence", event.confidence());
      json.writeNumberField("oodPValue", event.oodPValue());
      json.writeBooleanField("ood", event.ood());
      json.writeNumberField("trust", event.trust());
      if (event.lowestNodes() != null) {
        writeNodes(json, event.lowestNodes());
      }
      if (event.modelVersion() != null) {
        json.writeStringField("modelVersion", event.modelVersion());
      }
      if (event.encoderVersion() != null) {
        json.writeStringField("encoderVersion", event.encoderVersion());
      }
      if (event.label() != null) {
        json.writeNumberField("label", event.label());
      }
      json.writeNumberField("timestamp", event.timestamp());
      json.writeEndObject();
    });
  }

  static byte[] write(Outcome outcome) {
    return write(192 + 32 * outcome.scores().size(), json -> {
      json.writeStartObject();
      if (outcome.id() != null) {
        json.writeStringField("id", outcome.id());
      }
      json.writeNumberField("predicted", outcome.predicted());
      json.writeNumberField("label", outcome.label());
      writeScores(json, outcome.scores());
      if (outcome.confidence() != null) {
        json.writeNumberField("confidence", outcome.confidence());
      }
      if (outcome.oodPValue() != null) {
        json.writeNumberField("oodPValue", outcome.oodPValue());
      }
      if (outcome.ood() != null) {
        json.writeBooleanField("ood", outcome.ood());
      }
      if (outcome.trust() != null) {
        json.writeNumberField("trust", outcome.trust());
      }
      json.writeNumberField("timestamp", outcome.timestamp());
      json.writeEndObject();
    });
  }

  /**
   * An outcome from its JSON. Like the data binding it replaces, it refuses a field it does not
   * know and leaves a missing number at 0 and a missing object at null.
   */
  static Outcome readOutcome(byte[] bytes) {
    try (JsonParser json = Json.MAPPER.getFactory().createParser(bytes)) {
      expect(json.nextToken(), JsonToken.START_OBJECT, json);
      String id = null;
      int predicted = 0;
      int label = 0;
      Map<String, Double> scores = null;
      Double confidence = null;
      Double oodPValue = null;
      Boolean ood = null;
      Double trust = null;
      long timestamp = 0;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken value = json.nextToken();
        boolean isNull = value == JsonToken.VALUE_NULL;
        switch (field) {
          case "id" -> id = isNull ? null : json.getValueAsString();
          case "predicted" -> predicted = json.getIntValue();
          case "label" -> label = json.getIntValue();
          case "scores" -> scores = isNull ? null : readScores(json);
          case "confidence" -> confidence = isNull ? null : json.getDoubleValue();
          case "oodPValue" -> oodPValue = isNull ? null : json.getDoubleValue();
          case "ood" -> ood = isNull ? null : json.getBooleanValue();
          case "trust" -> trust = isNull ? null : json.getDoubleValue();
          case "timestamp" -> timestamp = json.getLongValue();
          default -> throw new IOException("unknown field '" + field + "' in an outcome");
        }
      }
      expect(json.currentToken(), JsonToken.END_OBJECT, json);
      return new Outcome(id, predicted, label, scores, confidence, oodPValue, ood, trust, timestamp);
    } catch (IOException e) {
      throw new UncheckedIOException("a record this application wrote could not be read back", e);
    }
  }

  private static Map<String, Double> readScores(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT, json);
    Map<String, Double> scores = new LinkedHashMap<>(32);
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String key = json.currentName();
      json.nextToken();
      scores.put(key, json.getDoubleValue());
    }
    return scores;
  }

  private static void expect(JsonToken found, JsonToken expected, JsonParser json) throws IOException {
    if (found != expected) {
      throw new IOException("expected " + expected + " but found " + found + " at " + json.currentLocation());
    }
  }

  private static void writeScores(JsonGenerator json, Map<String, Double> scores) throws IOException {
    json.writeObjectFieldStart("scores");
    for (Map.Entry<String, Double> score : scores.entrySet()) {
      json.writeFieldName(score.getKey());
      if (score.getValue() == null) {
        json.writeNull();
      } else {
        json.writeNumber(score.getValue());
      }
    }
    json.writeEndObject();
  }

  private static void writeNodes(JsonGenerator json, List<ScoredEvent.NodeLikelihood> nodes) throws IOException {
    json.writeArrayFieldStart("lowestNodes");
    for (ScoredEvent.NodeLikelihood node : nodes) {
      json.writeStartObject();
      json.writeNumberField("node", node.node());
      json.writeNumberField("value", node.value());
      json.writeNumberField("logDensity", node.logDensity());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private interface Body {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static byte[] write(int capacity, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(capacity);
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("our own records always serialise", e);
    }
    return out.toByteArray();
  }
}
