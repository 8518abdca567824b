package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BundleCompatibilityTest {
  private static final String SHA = "0".repeat(64);
  private static EncoderBundle bundle;

  /** Fitted on layer "1", 8 nodes, 3 classes, model 000…. */
  @BeforeAll
  static void fitOnce() {
    bundle = SyntheticOutputs.fit();
  }

  @Test
  void acceptsTheLayerAndModelTheBundleWasFittedOn() {
    assertThatCode(() -> BundleCompatibility.check(bundle, SHA, "1", SyntheticOutputs.WIDTH, SyntheticOutputs.CLASSES))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesAnotherLayerOfTheSameWidthNamingBoth() {
    assertThatThrownBy(() -> BundleCompatibility.check(bundle, SHA, "0", SyntheticOutputs.WIDTH, SyntheticOutputs.CLASSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the bundle was fitted on hidden layer '1', the model is read at layer '0'; refit with 'penultimate fit' on this model");
  }

  @Test
  void refusesALayerOfAnotherWidthNamingFoundAndExpected() {
    assertThatThrownBy(() -> BundleCompatibility.check(bundle, SHA, "1", 32, SyntheticOutputs.CLASSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the bundle encodes 8 hidden nodes and 3 classes, the model's layer '1' has 32 and 3; refit with 'penultimate fit' on this model");
  }

  @Test
  void refusesAnotherModelNamingBothHashes() {
    assertThatThrownBy(() -> BundleCompatibility.check(bundle, "ab".repeat(32), "1", SyntheticOutputs.WIDTH, SyntheticOutputs.CLASSES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the bundle was fitted on model 000000000000, this model is abababababab; refit with 'penultimate fit' on this model");
  }

  @Test
  void namesEveryDifferenceAtOnce() {
    assertThatThrownBy(() -> BundleCompatibility.check(bundle, "ab".repeat(32), "dense_2", 16, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fitted on hidden layer '1', the model is read at layer 'dense_2'")
        .hasMessageContaining("encodes 8 hidden nodes and 3 classes, the model's layer 'dense_2' has 16 and 10")
        .hasMessageContaining("fitted on model 000000000000, this model is abababababab")
        .hasMessageEndingWith("; refit with 'penultimate fit' on this model");
  }
}
