package io.penultimate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.data.LabeledSamples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayPlanTest {
  /** 100 one-value samples listed class by class, as the MNIST test split lists its digits: sample i has value i and label i / 10. */
  private static LabeledSamples classByClass() {
    float[][] features = new float[100][];
    int[] labels = new int[100];
    for (int i = 0; i < 100; i++) {
      features[i] = new float[] {i};
      labels[i] = i / 10;
    }
    return new LabeledSamples(features, List.of(1), labels, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), "test");
  }

  @Test
  void shufflesTheSamplesWithTheirLabelsIntoASeededOrder() {
    LabeledSamples shuffled = ReplayPlan.shuffled(classByClass(), 11);

    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < shuffled.size(); i++) {
      int value = (int) shuffled.features()[i][0];
      values.add(value);
      assertThat(shuffled.labels()[i]).as("the label follows its sample").isEqualTo(value / 10);
    }
    assertThat(values).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 100).boxed().toList());
    assertThat(values).isNotEqualTo(java.util.stream.IntStream.range(0, 100).boxed().toList());
    assertThat((int) ReplayPlan.shuffled(classByClass(), 11).features()[0][0]).as("the same seed, the same order").isEqualTo(values.get(0));
  }

  @Test
  void spreadsEveryClassOverTheFirstEventsOfAShuffledReplay() {
    LabeledSamples shuffled = ReplayPlan.shuffled(classByClass(), 11);
    boolean[] seen = new boolean[10];
    for (int i = 0; i < 50; i++) {
      seen[shuffled.labels()[i]] = true;
    }
    // in order, the first half would hold classes 0 to 4 only
    assertThat(seen).containsOnly(true);
  }
}
