package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RankSketchTest {
  @Test
  void keepsASampleThatFitsAsItIs() {
    RankSketch sketch = RankSketch.of(new double[] {1, 2, 2, 5}, 4);

    assertThat(sketch.count()).isEqualTo(4);
    assertThat(sketch.points()).containsExactly(1, 2, 2, 5);
    assertThat(sketch.weight()).isEqualTo(1.0);
  }

  @Test
  void cutsALargerSampleToTheValuesAtTheMiddleRanksOfEqualBuckets() {
    double[] ranks = new double[10];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = i;
    }

    RankSketch sketch = RankSketch.of(ranks, 4);

    // buckets of 2.5 ranks; middles at 1.25, 3.75, 6.25, 8.75
    assertThat(sketch.points()).containsExactly(1, 3, 6, 8);
    assertThat(sketch.weight()).isEqualTo(2.5);
  }

  @Test
  void anEmptySampleHasNoPointsAndNoWeight() {
    RankSketch sketch = RankSketch.of(new double[0], 8);

    assertThat(sketch.points()).isEmpty();
    assertThat(sketch.weight()).isZero();
  }

  @Test
  void refusesPointsOutOfOrderOrMoreThanItsCount() {
    assertThatThrownBy(() -> new RankSketch(2, new double[] {2, 1})).hasMessageContaining("ascending");
    assertThatThrownBy(() -> new RankSketch(1, new double[] {1, 2})).hasMessageContaining("cannot have 2 points");
    assertThatThrownBy(() -> new RankSketch(3, new double[0])).hasMessageContaining("cannot have 0 points");
    assertThatThrownBy(() -> RankSketch.of(new double[] {1}, 0)).hasMessageContaining("at least 1 point");
  }
}
