package io.penultimate.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HiddenSamplesTest {

  private final HiddenSamples samples = new HiddenSamples(
      new double[][] {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}}, new int[] {1, 0, 1}, 3);

  @Test
  void countsSamplesPerClassIncludingEmptyOnes() {
    assertThat(samples.size()).isEqualTo(3);
    assertThat(samples.width()).isEqualTo(2);
    assertThat(samples.classCount(0)).isEqualTo(1);
    assertThat(samples.classCount(1)).isEqualTo(2);
    assertThat(samples.classCount(2)).isZero();
  }

  @Test
  void slicesOneNodesValuesByClassInRowOrder() {
    assertThat(samples.values(1, 1)).containsExactly(0.2, 0.6);
    assertThat(samples.values(0, 2)).isEmpty();
    assertThat(samples.values(0)).containsExactly(0.1, 0.3, 0.5);
  }

  @Test
  void rejectsRaggedRowsNamingFoundAndExpectedWidth() {
    assertThatThrownBy(() -> new HiddenSamples(new double[][] {{1, 2}, {3}}, new int[] {0, 0}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1 has width 1, expected 2");
  }

  @Test
  void rejectsClassOutsideRange() {
    assertThatThrownBy(() -> new HiddenSamples(new double[][] {{1}, {2}}, new int[] {0, 2}, 2))
        .hasMessage("class of row 1 is 2, expected 0 <= class < 2");
  }

  @Test
  void rejectsNonFiniteAndHugeValues() {
    assertThatThrownBy(() -> new HiddenSamples(new double[][] {{1, Double.NaN}}, new int[] {0}, 1))
        .hasMessageContaining("hidden[0][1] must be finite").hasMessageContaining("found NaN");
    assertThatThrownBy(() -> new HiddenSamples(new double[][] {{1e101}}, new int[] {0}, 1))
        .hasMessageContaining("found 1.0E101");
  }

  @Test
  void rejectsOneLabelTooFew() {
    assertThatThrownBy(() -> new HiddenSamples(new double[][] {{1}, {2}}, new int[] {0}, 1))
        .hasMessage("hidden has 2 rows but classes has 1 labels, expected one label per row");
  }

  @Test
  void rejectsNodeOutsideWidth() {
    assertThatThrownBy(() -> samples.values(2, 0)).hasMessage("node must lie in [0, 2), found 2");
  }
}
