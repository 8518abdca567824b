package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RankedMultisetTest {

  @Test
  void removesOneOccurrenceAndSaysWhetherTheValueWasThere() {
    RankedMultiset tree = new RankedMultiset(4);
    tree.add(2);
    tree.add(2);
    assertThat(tree.remove(3)).isFalse();
    assertThat(tree.remove(2)).isTrue();
    assertThat(tree.size()).isEqualTo(1);
    assertThat(tree.remove(2)).isTrue();
    assertThat(tree.remove(2)).isFalse();
    assertThat(tree.size()).isZero();
  }

  @ParameterizedTest(name = "blocks of {0}")
  @ValueSource(ints = {4, 7, RankedMultiset.DEFAULT_BLOCK})
  void keepsTheOrderOfABruteForceListOverRandomInsertionsAndRemovals(int block) {
    SplittableRandom random = new SplittableRandom(7);
    RankedMultiset tree = new RankedMultiset(block);
    List<Double> values = new ArrayList<>();
    for (int step = 0; step < 20_000; step++) {
      // phases that grow and shrink the set, so blocks split, empty and merge
      boolean shrinking = (step / 2_000) % 2 == 1;
      double v = random.nextInt(500) / 4.0; // many ties
      if (!values.isEmpty() && random.nextInt(3) < (shrinking ? 2 : 1)) {
        double gone = values.remove(random.nextInt(values.size()));
        assertThat(tree.remove(gone)).isTrue();
      } else {
        values.add(v);
        tree.add(v);
      }
      assertThat(tree.size()).isEqualTo(values.size());
      assertThat(tree.remove(-1)).as("a value never added").isFalse();
      if (step % 50 == 0) {
        assertThat(tree.sorted()).containsExactly(values.stream().sorted().mapToDouble(Double::doubleValue).toArray());
      }
    }
    assertThat(tree.sorted()).containsExactly(values.stream().sorted().mapToDouble(Double::doubleValue).toArray());
  }

  @Test
  void listsEveryValueInAscendingOrderAsOftenAsItOccurs() {
    RankedMultiset tree = new RankedMultiset(4);
    for (double value : new double[] {3, -1, 3, 0.5, 7, -1, 3}) {
      tree.add(value);
    }
    tree.remove(7);

    assertThat(tree.sorted()).containsExactly(-1, -1, 0.5, 3, 3, 3);
  }
}
