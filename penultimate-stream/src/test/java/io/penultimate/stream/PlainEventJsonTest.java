package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainEventJsonTest {
  private static final int INPUT = 3;
  private static final int CLASSES = 10;
  static final long RECORD_TIME = 42L;
  private static final EventParser JACKSON = new EventParser(INPUT, CLASSES, 1 << 20);
  private static final PlainEventJson PLAIN = new PlainEventJson(INPUT, CLASSES);

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Read by the fast path, and exactly as Jackson reads it. */
  private static InputEvent assertPlain(String text) throws InvalidEventException {
    InputEvent plain = PLAIN.read(json(text), RECORD_TIME);
    assertThat(plain).as("read by the fast path: %s", text).isNotNull();
    assertSameAsJackson(JACKSON, json(text), plain);
    return plain;
  }

  /** The plain reading of {@code value} is the event {@code jackson} reads from it, feature bits included. */
  static void assertSameAsJackson(EventParser jackson, byte[] value, InputEvent plain) throws InvalidEventException {
    InputEvent reference = jackson.parseWithJackson(value, RECORD_TIME);
    assertThat(plain.id()).isEqualTo(reference.id());
    assertThat(plain.label()).isEqualTo(reference.label());
    assertThat(plain.timestamp()).isEqualTo(reference.timestamp());
    assertThat(plain.features()).hasSameSizeAs(reference.features());
    for (int i = 0; i < plain.features().length; i++) {
      assertThat(Float.floatToRawIntBits(plain.features()[i]))
          .as("feature %d of %s: %s against Jackson's %s", i, new String(value, StandardCharsets.UTF_8), plain.features()[i],
              reference.features()[i])
          .isEqualTo(Float.floatToRawIntBits(reference.features()[i]));
    }
  }

  private static void assertLeftToJackson(String text) {
    assertThat(PLAIN.read(json(text), RECORD_TIME)).as("left to Jackson: %s", text).isNull();
  }

  @Test
  void readsTheEventsProducersWriteExactlyAsJacksonDoes() throws InvalidEventException {
    Random random = new Random(11);
    for (int trial = 0; trial < 20_000; trial++) {
      float[] features = new float[INPUT];
      for (int i = 0; i < INPUT; i++) {
        features[i] = switch (trial % 5) {
          case 0 -> random.nextInt(256) / 255f;
          case 1 -> (float) random.nextGaussian();
          case 2 -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30));
          case 3 -> Float.intBitsToFloat(random.nextInt()) % 1e30f;
          default -> random.nextInt(2000) - 1000;
        };
        if (!Float.isFinite(features[i])) {
          features[i] = 0;
        }
      }
      Integer label = random.nextBoolean() ? random.nextInt(CLASSES) : null;
      String text = EventJson.event("e" + trial, features, label, 1_600_000_000_000L + random.nextInt(Integer.MAX_VALUE));
      InputEvent event = assertPlain(text);
      assertThat(event.features()).containsExactly(features);
    }
  }

  @Test
  void readsNumbersInEveryJsonFormAsJacksonDoes() throws InvalidEventException {
    Random random = new Random(5);
    int plain = 0;
    for (int trial = 0; trial < 50_000; trial++) {
      String text = "{\"id\":\"x\",\"features\":[" + number(random) + "," + number(random) + "," + number(random) + "]}";
      InputEvent event = PLAIN.read(json(text), RECORD_TIME);
      if (event != null) {
        plain++;
        assertSameAsJackson(JACKSON, json(text), event);
      }
    }
    // about a sixth of the events drawn are plain (three valid numbers of at most 18 digits): the comparison is not vacuous
    assertThat(plain).isGreaterThan(5_000);
  }

  /** A valid JSON number most of the time, with long mantissas, exponents and signs; sometimes an invalid one. */
  private static String number(Random random) {
    StringBuilder number = new StringBuilder();
    if (random.nextInt(4) == 0) {
      number.append('-');
    }
    int integerDigits = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 3 : 20);
    for (int i = 0; i < integerDigits; i++) {
      number.append((char) ('0' + random.nextInt(10)));
    }
    if (random.nextBoolean()) {
      number.append('.');
      int fraction = random.nextInt(random.nextBoolean() ? 9 : 25);
      for (int i = 0; i < fraction; i++) {
        number.append((char) ('0' + random.nextInt(10)));
      }
    }
    if (random.nextInt(3) == 0) {
      number.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "");
      number.append(random.nextInt(random.nextBoolean() ? 40 : 400));
    }
    return number.length() == 0 ? "0" : number.toString();
  }

  @Test
  void readsFieldsInAnyOrderWithWhitespaceNullsAndWhatFollowsTheObject() throws InvalidEventException {
    List<String> fields = new ArrayList<>(List.of("\"id\" : \"a b\"", "\"features\":[ 1 ,\t2.5e-3,\n-3 ]", "\"label\":\r9", "\"timestamp\": 7"));
    Random random = new Random(3);
    for (int trial = 0; trial < 24; trial++) {
      Collections.shuffle(fields, random);
      InputEvent event = assertPlain(" {" + String.join(" , ", fields) + "} ");
      assertThat(event.label()).hasValue(9);
      assertThat(event.timestamp()).isEqualTo(7);
    }
    assertThat(assertPlain("{\"id\":\"a\",\"features\":[0,0,0],\"label\":null,\"timestamp\":null}").timestamp()).isEqualTo(RECORD_TIME);
    assertThat(assertPlain("{\"id\":\"a\",\"features\":[0,0,0]}").label()).isEmpty();
    // Jackson's reading stops at the end of the object as well
    assertPlain("{\"id\":\"a\",\"features\":[0,0,0]} trailing");
  }

  @Test
  void readsNegativeZeroAsJacksonDoesAnIntegerOrAFloat() throws InvalidEventException {
    InputEvent event = assertPlain("{\"id\":\"a\",\"features\":[-0,-0.0,-0e0]}");
    assertThat(Float.floatToRawIntBits(event.features()[0])).isZero();
    assertThat(Float.floatToRawIntBits(event.features()[1])).isEqualTo(Float.floatToRawIntBits(-0f));
  }

  @Test
  void leavesEveryOtherFormToJackson() {
    String features = "\"features\":[1,2,3]";
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"extra\":1}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"id\":\"b\"}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"label\":1,\"label\":2}");
    assertLeftToJackson("{\"id\":\"a\\u0062\"," + features + "}");
    assertLeftToJackson("{\"id\":\"é\"," + features + "}");
    assertLeftToJackson("{\"id\":\"  \"," + features + "}");
    assertLeftToJackson("{\"id\":\"" + "x".repeat(EventParser.MAX_ID_LENGTH + 1) + "\"," + features + "}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,3,4]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,1e39]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,01]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,.5]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,NaN]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,\"3\"]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,3 4]}");
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,1234567890123456789]}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"label\":10}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"label\":-1}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"label\":1.0}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"timestamp\":-5}");
    assertLeftToJackson("{\"id\":\"a\"," + features + ",\"timestamp\":1e3}");
    assertLeftToJackson("{\"id\":\"a\"," + features + " \"label\":1}");
    assertLeftToJackson("{\"id\":\"a\"," + features);
    assertLeftToJackson("{\"id\":\"a\",\"features\":[1,2,3");
    assertLeftToJackson("{" + features + "}");
    assertLeftToJackson("[" + features + "]");
    assertLeftToJackson("");
  }
}
