package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SortedDoublesTest {

  @Test
  void removesOneOccurrenceAndSaysWhetherTheValueWasThere() {
    SortedDoubles set = new SortedDoubles(4);
    set.add(2);
    set.add(2);
    assertThat(set.remove(3)).isFalse();
    assertThat(set.remove(2)).isTrue();
    assertThat(set.size()).isEqualTo(1);
    assertThat(set.remove(2)).isTrue();
    assertThat(set.remove(2)).isFalse();
    assertThat(set.size()).isZero();
  }

  @ParameterizedTest(name = "blocks of {0}")
  @ValueSource(ints = {4, 7, SortedDoubles.DEFAULT_BLOCK})
  void keepsTheOrderOfABruteForceListOverRandomInsertionsAndRemovals(int block) {
    SplittableRandom random = new SplittableRandom(7);
    SortedDoubles set = new SortedDoubles(block);
    List<Double> values = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      // phases that grow and shrink the set, so blocks split, empty and merge
      boolean shrinking = (step / 2_000) % 2 == 1;
      double v = random.nextInt(500) / 4.0; // many ties
      if (!values.isEmpty() && random.nextInt(3) < (shrinking ? 2 : 1)) {
        double gone = values.remove(random.nextInt(values.size()));
        assertThat(set.remove(gone)).isTrue();
      } else {
        values.add(v);
        set.add(v);
      }
      assertThat(set.size()).isEqualTo(values.size());
      assertThat(set.remove(-1)).as("a value never added").isFalse();
      if (step % 50 == 0) {
        assertThat(set.sorted()).containsExactly(values.stream().sorted().mapToDouble(Double::doubleValue).toArray());
      }
    }
    assertThat(set.sorted()).containsExactly(values.stream().sorted().mapToDouble(Double::doubleValue).toArray());
  }

  @Test
  void listsEveryValueInAscendingOrderAsOftenAsItOccurs() {
    SortedDoubles set = new SortedDoubles(4);
    for (double value : new double[] {3, -1, 3, 0.5, 7, -1, 3}) {
      set.add(value);
    }
    set.remove(7);

    assertThat(set.sorted()).containsExactly(-1, -1, 0.5, 3, 3, 3);
  }
}
