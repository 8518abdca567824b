package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HotJsonTest {
  private static final EventAnswers ANSWERS = new EventAnswers(0.93, 0.004, true, 0.12);

  private static Map<String, Double> scores(Random random) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (String key : List.of("softmax", "gmm", "knn", "mahalanobis", "primary")) {
      // every magnitude the shortest-representation writer formats differently
      scores.put(key, (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
    }
    scores.put("integral", 3.0);
    scores.put("tiny", Double.MIN_VALUE);
    return scores;
  }

  @Test
  void writesAScoredEventByteForByteAsTheDataBindingDoes() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      ScoredEvent event = new ScoredEvent("ev-\"" + i + "\"-ü\n", random.nextInt(10), i % 3 == 0 ? null : "class " + i, random.nextDouble(),
          scores(random), random.nextDouble(), random.nextDouble(), random.nextBoolean(), random.nextDouble(),
          i % 5 == 0 ? null : List.of(new ScoredEvent.NodeLikelihood(3, 0.25, -12.5), new ScoredEvent.NodeLikelihood(17, 1e-9, -1e300)),
          i % 4 == 0 ? null : "model-" + i, i % 2 == 0 ? null : "sha256:ab", i % 3 == 1 ? null : random.nextInt(10), random.nextLong());
      assertThat(new String(HotJson.write(event), StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(event), StandardCharsets.UTF_8));
    }
  }

  @Test
  void writesAnOutcomeByteForByteAsTheDataBindingDoesWithAndWithoutAnswers() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      Outcome outcome = Outcome.of("o" + i, random.nextInt(10), random.nextInt(10), scores(random), i % 2 == 0 ? null : ANSWERS, random.nextLong());
      assertThat(new String(HotJson.write(outcome), StandardCharsets.UTF_8)).isEqualTo(new String(Json.write(outcome), StandardCharsets.UTF_8));
    }
  }

  @Test
  void readsBackTheOutcomesThatEitherWriterWrote() {
    Random random = new Random(13);
    for (int i = 0; i < 100; i++) {
      Outcome outcome = Outcome.of("o" + i, random.nextInt(10), random.nextInt(10), scores(random), i % 2 == 0 ? null : ANSWERS, random.nextLong());
      assertThat(HotJson.readOutcome(HotJson.write(outcome))).isEqualTo(outcome);
      assertThat(HotJson.readOutcome(Json.write(outcome))).isEqualTo(Json.read(Json.write(outcome), Outcome.class));
    }
  }

  @Test
  void readsAnOutcomeWhoseFieldsComeInAnotherOrderWithIntegralScores() {
    Outcome outcome = HotJson.readOutcome(
        "{\"timestamp\":5,\"scores\":{\"softmax\":1,\"gmm\":-2.5e3},\"label\":2,\"predicted\":2,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(outcome).isEqualTo(new Outcome("x", 2, 2, Map.of("softmax", 1.0, "gmm", -2500.0), null, null, null, null, 5));
    assertThat(outcome.answers()).isEmpty();
  }

  @Test
  void refusesAnOutcomeWithAFieldItDoesNotKnowAsTheDataBindingDid() {
    byte[] unknown = "{\"id\":\"x\",\"predicted\":1,\"label\":1,\"scores\":{},\"colour\":\"red\",\"timestamp\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HotJson.readOutcome(unknown)).isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage("unknown field 'colour' in an outcome");
    assertThatThrownBy(() -> Json.read(unknown, Outcome.class)).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void refusesATruncatedOutcome() {
    assertThatThrownBy(() -> HotJson.readOutcome("{\"id\":\"x\",\"scores\":{\"a\":1".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UncheckedIOException.class);
  }
}
