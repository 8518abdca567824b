package io.penultimate.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeBlockTest {
  static Outcome outcome(String id, int predicted, int label, double score, long timestamp) {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("trinomial", score);
    scores.put("msp", 1 - score / 7);
    return Outcome.of(id, predicted, label, scores, new EventAnswers(0.25 + score / 100, 0.03, label > 5, -0.5), timestamp);
  }

  private static OutcomeBlock blockOf(Outcome... outcomes) {
    OutcomeBlock block = new OutcomeBlock(List.copyOf(outcomes[0].scores().keySet()));
    for (Outcome outcome : outcomes) {
      block.add(outcome);
    }
    return block;
  }

  @Test
  void decodesTheOutcomesItHoldsInTheirOrder() {
    List<Outcome> outcomes = List.of(outcome("e-1", 3, 3, -12.5, 1_700_000_000_123L), outcome(null, 0, 7, Double.MIN_VALUE, 0L),
        outcome("é-3", 9, 9, -1e300, Long.MAX_VALUE));
    OutcomeBlock block = blockOf(outcomes.toArray(Outcome[]::new));
    assertThat(block.size()).isEqualTo(3);
    assertThat(OutcomeBlock.decode(block.encoded())).isEqualTo(outcomes);
  }

  @Test
  void anEmptyBlockHoldsNoOutcomes() {
    assertThat(OutcomeBlock.decode(new OutcomeBlock(List.of("msp")).encoded())).isEmpty();
  }

  @Test
  void takesOnlyOutcomesWithExactlyItsScores() {
    OutcomeBlock block = blockOf(outcome("a", 1, 1, 2, 5L));
    Outcome fewer = Outcome.of("b", 1, 1, Map.of("msp", 0.5), new EventAnswers(0.5, 0.5, false, 0), 6L);
    assertThat(block.fits(outcome("c", 2, 2, 3, 7L))).isTrue();
    assertThat(block.fits(fewer)).isFalse();
    assertThatThrownBy(() -> block.add(fewer)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[msp]");
  }

  @Test
  void refusesAnOutcomeWithoutItsAnswers() {
    Outcome unanswered = Outcome.of("old", 1, 2, Map.of("trinomial", 1.0, "msp", 0.9), null, 8L);
    assertThatThrownBy(() -> blockOf(unanswered)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("old has no answers");
  }

  @Test
  void readsTheOneOutcomeJsonEntriesThatEarlierVersionsStored() {
    Outcome outcome = outcome("e-9", 4, 2, 0.125, 99L);
    byte[] json = HotJson.write(outcome);
    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(OutcomeBlock.decode(json)).containsExactly(outcome);
  }

  @Test
  void refusesATruncatedBlockWithItsSize() {
    byte[] whole = blockOf(outcome("a", 1, 1, 2, 5L), outcome("b", 1, 2, 3, 6L)).encoded();
    byte[] truncated = Arrays.copyOf(whole, whole.length - 5);
    assertThatThrownBy(() -> OutcomeBlock.decode(truncated)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("quality-window store holds a corrupt entry of " + truncated.length + " bytes");
  }

  @Test
  void isSmallerThanTheJsonOfItsOutcomes() {
    Outcome[] outcomes = new Outcome[32];
    long json = 0;
    for (int i = 0; i < outcomes.length; i++) {
      outcomes[i] = outcome("event-" + i, i % 10, (i * 7) % 10, -i / 3.0, 1_700_000_000_000L + i);
      json += HotJson.write(outcomes[i]).length;
    }
    assertThat((double) blockOf(outcomes).encoded().length).isLessThan(json / 2.0);
  }
}
