package io.penultimate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JointTaskTest {
  private static final double[] IN = {0.9, 0.8};
  private static final boolean[] CORRECT = {true, false};

  @Test
  void weighsOutOfDistributionSamplesToTheirShareAndIntegratesTheGeneralizedRisk() {
    // weights 0.25, 0.25 in, 0.5 out; accepted in order 0.9 (right), 0.85 (OOD), 0.8 (wrong):
    // risk 0 over [0, .25], 0 -> .5 over [.25, .75], .5 -> .75 over [.75, 1]
    JointTask task = JointTask.of(IN, CORRECT, new double[] {0.85}, 0.5);
    assertThat(task.augrc()).isCloseTo(0.125 + 0.25 * 1.25 / 2, within(1e-12));
  }

  @Test
  void theFalsePositiveRateCountsTheFailuresAcceptedAtTheThresholdOfTheCorrectOnesByWeight() {
    // threshold 0.9 keeps the one correct prediction; the OOD sample at 0.95 (weight 0.5) passes,
    // the wrong one at 0.8 (weight 0.25) does not
    assertThat(JointTask.of(IN, CORRECT, new double[] {0.95}, 0.5).fpr95()).isCloseTo(0.5 / 0.75, within(1e-12));
    assertThat(JointTask.of(IN, CORRECT, new double[] {0.85}, 0.5).fpr95()).isZero();
  }

  @Test
  void atNoOodShareItIsTheMisclassificationTaskAlone() {
    JointTask withOod = JointTask.of(IN, CORRECT, new double[] {0.95}, 0);
    JointTask without = JointTask.of(IN, CORRECT, new double[] {0.1}, 0);
    assertThat(withOod.augrc()).isEqualTo(without.augrc());
    // accepted 0.9 (right) then 0.8 (wrong), each half the weight: risk 0 then 0 -> .5
    assertThat(withOod.augrc()).isCloseTo(0.5 * 0.25, within(1e-12));
  }
}
