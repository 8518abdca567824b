package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingEventTest {
  private static final Map<String, Double> SCORES = new LinkedHashMap<>(Map.of("softmax", 0.75, "gmm", -1234.5678, "knn", -0.0));

  @Test
  void decodesWhatItEncodesWithAndWithoutAnswers() {
    PendingEvent answered = new PendingEvent(7, SCORES, new EventAnswers(0.9, 0.01, true, 0.2), 1_700_000_000_123L);
    PendingEvent unanswered = new PendingEvent(0, Map.of(), null, 42L);
    assertThat(PendingEvent.decode(answered.encode())).isEqualTo(answered);
    assertThat(PendingEvent.decode(unanswered.encode())).isEqualTo(unanswered);
  }

  @Test
  void keepsTheOrderOfTheScoresAndTheirExactBits() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("z-last-alphabetically", Double.MIN_VALUE);
    scores.put("a", Math.nextUp(1.0));
    PendingEvent decoded = PendingEvent.decode(new PendingEvent(1, scores, null, 0).encode());
    assertThat(decoded.scores().keySet()).containsExactly("z-last-alphabetically", "a");
    assertThat(decoded.scores().get("a")).isEqualTo(Math.nextUp(1.0));
  }

  @Test
  void readsTheScoringTimeWithoutDecodingTheRest() {
    byte[] stored = new PendingEvent(3, SCORES, null, 987_654_321L).encode();
    assertThat(PendingEvent.scoredAtMs(stored)).isEqualTo(987_654_321L);
  }

  @Test
  void readsTheJsonEntriesThatEarlierVersionsStored() {
    PendingEvent event = new PendingEvent(2, SCORES, new EventAnswers(0.5, 0.5, false, 0.5), 99L);
    byte[] json = Json.write(event);
    assertThat(PendingEvent.decode(json)).isEqualTo(event);
    assertThat(PendingEvent.scoredAtMs(json)).isEqualTo(99L);
  }

  @Test
  void namesTheWayOutWhenANewerVersionWroteTheEntry() {
    byte[] newer = new PendingEvent(1, SCORES, null, 0).encode();
    newer[0] = 2;
    assertThatThrownBy(() -> PendingEvent.decode(newer)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 2").hasMessageContaining("this build reads 1");
  }
}
