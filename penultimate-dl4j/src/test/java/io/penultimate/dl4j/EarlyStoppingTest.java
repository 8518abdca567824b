package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

  @Test
  void withoutASettlingEpochStopsPatienceEpochsAfterTheBest() {
    EarlyStopping stopping = new EarlyStopping(3, 0);

    assertThat(stopping.stop(4, 2)).isFalse();
    assertThat(stopping.stop(5, 2)).isTrue();
  }

  @Test
  void epochsBeforeTheCycleSettlesDoNotCountAgainstPatience() {
    // 20 epochs: settles at 14; best at epoch 9, as when the loss wandered at the high rate
    EarlyStopping stopping = EarlyStopping.afterCycleSettles(4, 20);

    assertThat(stopping.settleEpoch()).isEqualTo(14);
    assertThat(stopping.stop(13, 9)).isFalse();
    assertThat(stopping.stop(17, 9)).isFalse();
    assertThat(stopping.stop(18, 9)).isTrue();
    // a best after the settling epoch counts from itself
    assertThat(stopping.stop(19, 16)).isFalse();
    assertThat(stopping.stop(20, 16)).isTrue();
  }

  @Test
  void refusesAPatienceBelowOne() {
    assertThatThrownBy(() -> new EarlyStopping(0, 0)).hasMessageContaining("patience must be >= 1");
  }
}
