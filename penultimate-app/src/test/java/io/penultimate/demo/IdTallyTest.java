package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdTallyTest {
  @Test
  void isExactWhenEveryExpectedIdCameOnce() {
    IdTally tally = new IdTally("s", 3);
    tally.add("s2");
    tally.add("s0");
    tally.add("s1");

    assertThat(tally.counts()).isEqualTo(new IdTally.Counts(3, 3, 0, 0, 0));
    assertThat(tally.counts().exact()).isTrue();
  }

  @Test
  void countsLostDuplicatedAndUnexpectedIdsApart() {
    IdTally tally = new IdTally("s", 4);
    tally.add("s0");
    tally.add("s0");
    tally.add("s0");
    tally.add("s3");
    tally.add("s4"); // beyond the ids sent
    tally.add("warm-up-1");

    IdTally.Counts counts = tally.counts();
    assertThat(counts).isEqualTo(new IdTally.Counts(4, 6, 2, 2, 2));
    assertThat(counts.exact()).isFalse();
  }

  @Test
  void takesOnlyTheIdsTheReplaySendsNotOtherSpellingsOfTheirIndex() {
    IdTally tally = new IdTally("s", 10);
    for (String id : new String[] {"s07", "s", "s-1", "s1x", "S1", "s99999999999", null}) {
      tally.add(id);
    }
    tally.add("s0");

    assertThat(tally.counts().unexpected()).isEqualTo(7);
    assertThat(tally.counts().missing()).isEqualTo(9);
  }

  @Test
  void rejectsANegativeCount() {
    assertThatThrownBy(() -> new IdTally("s", -1)).hasMessageContaining("found -1");
  }
}
