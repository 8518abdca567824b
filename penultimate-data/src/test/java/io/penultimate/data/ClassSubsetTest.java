package io.penultimate.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassSubsetTest {
  private static final List<String> NAMES = List.of("zero", "one", "two", "three", "four");

  /** Eight samples of five classes; sample i's single feature is i, so rows can be traced. */
  private static LabeledSamples samples() {
    int[] labels = {4, 0, 2, 1, 3, 2, 0, 4};
    float[][] features = new float[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      features[i] = new float[] {i};
    }
    return new LabeledSamples(features, List.of(1), labels, NAMES, "hand-made");
  }

  private static List<Float> firstFeatures(LabeledSamples samples) {
    return java.util.Arrays.stream(samples.features()).map(row -> row[0]).toList();
  }

  @Test
  void keepsTheListedClassesRelabelledInIncreasingOrderOfTheirOriginalIndex() {
    LabeledSamples samples = samples();

    LabeledSamples kept = ClassSubset.keeping(List.of(4, 0, 2), NAMES).keep(samples);

    // samples 0 (class 4), 1 (0), 2 (2), 5 (2), 6 (0), 7 (4): 0 -> 0, 2 -> 1, 4 -> 2
    assertThat(kept.labels()).containsExactly(2, 0, 1, 1, 0, 2);
    assertThat(kept.classNames()).containsExactly("zero", "two", "four");
    assertThat(kept.features()[2]).isSameAs(samples.features()[2]);
    assertThat(firstFeatures(kept)).containsExactly(0f, 1f, 2f, 5f, 6f, 7f);
    assertThat(kept.source()).isEqualTo("hand-made, classes 0,2,4");
  }

  @Test
  void holdsOutTheComplementWithTheirOriginalLabelsAndNames() {
    ClassSubset subset = ClassSubset.holdingOut(List.of(3, 1), NAMES);

    LabeledSamples heldOut = subset.heldOutOf(samples());

    assertThat(subset.kept()).containsExactly(0, 2, 4);
    assertThat(subset.heldOut()).containsExactly(1, 3);
    assertThat(heldOut.labels()).containsExactly(1, 3);
    assertThat(firstFeatures(heldOut)).containsExactly(3f, 4f);
    assertThat(heldOut.classNames()).isEqualTo(NAMES);
    assertThat(heldOut.source()).isEqualTo("hand-made, held-out classes 1,3");
  }

  @Test
  void keepsEveryPartOfASplitSoValidationHoldsOnlyKeptClasses() {
    DataSplit split = new DataSplit(samples(), samples(), samples());

    DataSplit kept = ClassSubset.holdingOut(List.of(1, 3), NAMES).keep(split);

    for (LabeledSamples part : List.of(kept.train(), kept.validation(), kept.test())) {
      assertThat(part.classNames()).containsExactly("zero", "two", "four");
      assertThat(part.classCounts()).containsExactly(2, 2, 2);
    }
  }

  @Test
  void namesAnUnknownClassAndTheDataSetsClasses() {
    assertThatThrownBy(() -> ClassSubset.keeping(List.of(0, 7, 2), NAMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown class 7: the data set's classes are 0..4 (zero, one, two, three, four)");
    assertThatThrownBy(() -> ClassSubset.holdingOut(List.of(-1, 9), NAMES))
        .hasMessageStartingWith("unknown classes -1,9: the data set's classes are 0..4");
  }

  @Test
  void refusesAnEmptySubsetAndASubsetOfOneClass() {
    assertThatThrownBy(() -> ClassSubset.keeping(List.of(), NAMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no class is kept; list at least 2 of 0..4");
    assertThatThrownBy(() -> ClassSubset.keeping(List.of(3), NAMES))
        .hasMessage("a subset keeps at least 2 classes, found 1 [3] (a classifier needs two classes to tell apart)");
  }

  @Test
  void refusesToHoldOutEveryClassOrAllButOneOrNone() {
    assertThatThrownBy(() -> ClassSubset.holdingOut(List.of(0, 1, 2, 3, 4), NAMES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("holding out 0,1,2,3,4 of the 5 classes leaves none; keep at least 2 to train on");
    assertThatThrownBy(() -> ClassSubset.holdingOut(List.of(0, 1, 2, 3), NAMES))
        .hasMessage("holding out 0,1,2,3 of the 5 classes leaves only 4; keep at least 2 to train on");
    assertThatThrownBy(() -> ClassSubset.holdingOut(List.of(), NAMES))
        .hasMessage("no class is held out; list at least one of 0..4");
  }

  @Test
  void refusesAClassListedTwice() {
    assertThatThrownBy(() -> ClassSubset.keeping(List.of(1, 2, 1), NAMES)).hasMessage("class 1 is listed twice");
  }

  @Test
  void refusesSamplesOfOtherClassesThanItWasMadeFor() {
    ClassSubset subset = ClassSubset.keeping(List.of(0, 1), List.of("a", "b", "c"));

    assertThatThrownBy(() -> subset.keep(samples()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the subset was made for the classes [a, b, c], hand-made has [zero, one");
  }
}
