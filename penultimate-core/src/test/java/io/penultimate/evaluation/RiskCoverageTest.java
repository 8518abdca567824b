package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.evaluation.RiskCoverage.Point;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RiskCoverageTest {

  @Test
  void integratesAnUntiedRankingSampleBySample() {
    // Accepted in order .9 ok, .8 fail, .7 ok, .6 fail; W = 4.
    // AUGRC: Σ G (2R₀ + F) / (2W²) = (0 + 1 + 2 + 3) / 32.
    // AURC: Σ [F + (R₀ − F W₀/G) ln(1 + G/W₀)] / W = [0 + (1 − ln 2) + ln 1.5 + (1 − 2 ln 4/3)] / 4.
    RiskCoverage rc = RiskCoverage.of(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {false, true, false, true});
    assertThat(rc.augrc()).isEqualTo(0.1875);
    assertThat(rc.aurc()).isCloseTo((2 - Math.log(2) + Math.log(1.5) - 2 * Math.log(4.0 / 3)) / 4, within(1e-15));
    assertThat(rc.points()).containsExactly(
        new Point(0, 0, 0), new Point(0.25, 0, 0), new Point(0.5, 0.25, 0.5), new Point(0.75, 0.25, 1.0 / 3), new Point(1, 0.5, 0.5));
  }

  @Test
  void acceptsATieInOneStepAlongItsExpectedPath() {
    // One group of four with one failure: generalized risk rises linearly to 1/4 (AUGRC 1/8),
    // selective risk stays 1/4 (AURC 1/4).
    RiskCoverage rc = RiskCoverage.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {false, true, false, false});
    assertThat(rc.augrc()).isEqualTo(0.125);
    assertThat(rc.aurc()).isEqualTo(0.25);
    assertThat(rc.points()).containsExactly(new Point(0, 0, 0.25), new Point(1, 0.25, 0.25));
  }

  @Test
  void weighsEachSampleByItsWeight() {
    // Groups: {3: ok, w1}, {2: fail w2, ok w1}, {1: fail w4}; W = 8.
    // AUGRC: [1·0 + 3·(0 + 2) + 4·(4 + 4)] / 128 = 38/128.
    // AURC: [0 + (2 − (2/3) ln 4) + (4 + (2 − 4) ln 2)] / 8 = 3/4 − (5/12) ln 2.
    RiskCoverage rc = RiskCoverage.of(
        new double[] {3, 2, 2, 1}, new boolean[] {false, true, false, true}, new double[] {1, 2, 1, 4});
    assertThat(rc.augrc()).isEqualTo(38.0 / 128);
    assertThat(rc.aurc()).isCloseTo(0.75 - 5.0 / 12 * Math.log(2), within(1e-15));
    assertThat(rc.points()).containsExactly(
        new Point(0, 0, 0), new Point(0.125, 0, 0), new Point(0.5, 0.25, 0.5), new Point(1, 0.75, 0.75));
  }

  @Test
  void reachesTheClosedFormsOfAPerfectAndOfTheWorstRanking() {
    double[] confidence = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    boolean[] lowestFail = {false, false, false, false, false, false, false, true, true, true};
    boolean[] highestFail = {true, true, true, false, false, false, false, false, false, false};
    double f = 0.3;
    // Perfect (Traub et al.): AUGRC = f²/2; AURC = f + (1 − f) ln(1 − f), as fd-shifts' aurc_optimal.
    RiskCoverage perfect = RiskCoverage.of(confidence, lowestFail);
    assertThat(perfect.augrc()).isCloseTo(f * f / 2, within(1e-15));
    assertThat(perfect.aurc()).isCloseTo(f + (1 - f) * Math.log(1 - f), within(1e-15));
    // Worst: failures first, AUGRC = f²/2 + f(1 − f) = f − f²/2; AURC = f + ∫_f^1 f/c dc = f(1 − ln f).
    RiskCoverage worst = RiskCoverage.of(confidence, highestFail);
    assertThat(worst.augrc()).isCloseTo(f - f * f / 2, within(1e-15));
    assertThat(worst.aurc()).isCloseTo(f * (1 - Math.log(f)), within(1e-15));
  }

  @Test
  void keepsThePerfectRankingsClosedFormsUnderAnyWeights() {
    Random random = new Random(7);
    double[] confidence = new double[50];
    boolean[] failure = new boolean[50];
    double[] weight = new double[50];
    double failureWeight = 0;
    double total = 0;
    for (int i = 0; i < 50; i++) {
      confidence[i] = -i;
      failure[i] = i >= 35;
      weight[i] = random.nextDouble();
      failureWeight += failure[i] ? weight[i] : 0;
      total += weight[i];
    }
    double f = failureWeight / total;
    RiskCoverage rc = RiskCoverage.of(confidence, failure, weight);
    assertThat(rc.augrc()).isCloseTo(f * f / 2, within(1e-15));
    assertThat(rc.aurc()).isCloseTo(f + (1 - f) * Math.log(1 - f), within(1e-15));
  }

  @Test
  void equalsThePerSampleTrapezoidWithoutTiesOrWeights() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      double[] confidence = new double[200];
      boolean[] failure = new boolean[200];
      for (int i = 0; i < 200; i++) {
        confidence[i] = random.nextGaussian();
        failure[i] = random.nextDouble() < 0.2 + 0.2 * (confidence[i] < 0 ? 1 : 0);
      }
      assertThat(RiskCoverage.of(confidence, failure).augrc()).as("seed %d", seed)
          .isCloseTo(perSampleAugrc(confidence, failure), within(1e-15));
    }
  }

  @Test
  void satisfiesTraubsIdentityWithTheMidrankAurocEvenWithTies() {
    // AUGRC = (1 − AUROC) · acc · (1 − acc) + (1 − acc)²/2, AUROC of correct vs wrong with midranks.
    for (long seed = 1; seed <= 20; seed++) {
      Samples s = Samples.random(seed, 150, 0.5);
      boolean[] failure = new boolean[s.positives().length];
      double correct = 0;
      for (int i = 0; i < failure.length; i++) {
        failure[i] = !s.positives()[i];
        correct += s.positives()[i] ? 1 : 0;
      }
      double acc = correct / failure.length;
      double expected = (1 - Auroc.of(s.scores(), s.positives())) * acc * (1 - acc) + (1 - acc) * (1 - acc) / 2;
      assertThat(RiskCoverage.of(s.scores(), failure).augrc()).as("seed %d", seed).isCloseTo(expected, within(1e-14));
    }
  }

  @Test
  void equalsTheMeanOverEveryOrderOfTheTiedSamples() {
    // Ties at 2 (three samples) and at 1 (two): break them every possible way and average.
    double[] confidence = {3, 2, 2, 2, 1, 1, 0};
    boolean[] failure = {false, true, false, true, false, true, true};
    double[] weight = {0.5, 2, 1, 0.25, 3, 1, 0.75};
    double[] ones = new double[7];
    Arrays.fill(ones, 1);
    double[] sums = new double[2];
    int orders = 0;
    for (int[] order : permutations(7)) {
      // order[i] breaks ties: within a tie, a larger order[i] is accepted first
      double[] untied = new double[7];
      for (int i = 0; i < 7; i++) {
        untied[i] = confidence[i] * 10 + order[i];
      }
      sums[0] += RiskCoverage.of(untied, failure, weight).augrc();
      sums[1] += RiskCoverage.of(untied, failure, ones).aurc();
      orders++;
    }
    // AUGRC is linear in the path, so this holds for any weights; AURC for equal weights in a tie.
    assertThat(RiskCoverage.of(confidence, failure, weight).augrc()).isCloseTo(sums[0] / orders, within(1e-14));
    assertThat(RiskCoverage.of(confidence, failure, ones).aurc()).isCloseTo(sums[1] / orders, within(1e-14));
  }

  @Test
  void matchesANumericalIntegralAlongTheLinearPath() {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      int n = 40;
      double[] confidence = new double[n];
      boolean[] failure = new boolean[n];
      double[] weight = new double[n];
      for (int i = 0; i < n; i++) {
        confidence[i] = random.nextInt(12);
        failure[i] = random.nextDouble() < 0.3;
        weight[i] = random.nextInt(4) == 0 ? 0 : 0.5 + random.nextDouble();
      }
      RiskCoverage rc = RiskCoverage.of(confidence, failure, weight);
      assertThat(rc.aurc()).as("seed %d", seed).isCloseTo(midpointAurc(confidence, failure, weight), within(1e-7));
    }
  }

  @Test
  void treatsAnIntegerWeightAsThatManyTiedCopies() {
    RiskCoverage weighted = RiskCoverage.of(new double[] {5, 4, 3, 2}, new boolean[] {true, false, true, false}, new double[] {2, 1, 3, 1});
    RiskCoverage copies = RiskCoverage.of(
        new double[] {5, 5, 4, 3, 3, 3, 2}, new boolean[] {true, true, false, true, true, true, false});
    assertThat(weighted.augrc()).isCloseTo(copies.augrc(), within(1e-15));
    assertThat(weighted.aurc()).isCloseTo(copies.aurc(), within(1e-15));
    assertThat(weighted.points()).isEqualTo(copies.points());
  }

  @Test
  void ignoresSamplesThatWeighNothing() {
    RiskCoverage base = RiskCoverage.of(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {false, true, false, true});
    RiskCoverage padded = RiskCoverage.of(
        new double[] {1, 0.9, 0.8, 0.75, 0.7, 0.6, 0.1}, new boolean[] {true, false, true, true, false, true, true},
        new double[] {0, 1, 1, 0, 1, 1, 0});
    assertThat(padded).isEqualTo(base);
  }

  @Test
  void tiesBothZerosAndOrdersInfinitiesLikeOtherConfidences() {
    RiskCoverage rc = RiskCoverage.of(
        new double[] {Double.POSITIVE_INFINITY, -0.0, 0.0, Double.NEGATIVE_INFINITY}, new boolean[] {false, true, false, true});
    assertThat(rc.points()).containsExactly(
        new Point(0, 0, 0), new Point(0.25, 0, 0), new Point(0.75, 0.25, 1.0 / 3), new Point(1, 0.5, 0.5));
  }

  @Test
  void weighsOodSamplesToTheirShareOfTheTotal() {
    assertThat(RiskCoverage.oodWeights(2, 4, 0.2)).containsExactly(0.4, 0.4, 0.05, 0.05, 0.05, 0.05);
    assertThat(RiskCoverage.oodWeights(2, 2, 0)).containsExactly(0.5, 0.5, 0, 0);
    assertThat(RiskCoverage.oodWeights(3, 0, 0)).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
  }

  @Test
  void countsWrongPredictionsAndEveryOodSampleAsFailuresOfTheJointTask() {
    double[] in = {0.9, 0.6};
    boolean[] inCorrect = {true, false};
    double[] out = {0.8, 0.1};
    // π = 0.5, every sample weighs 1/4: failures at ranks 2, 3, 4 of 4, AUGRC = (0 + 1 + 3 + 5) / 32.
    assertThat(RiskCoverage.joint(in, inCorrect, out, 0.5).augrc()).isCloseTo(9.0 / 32, within(1e-15));
    // π = 0.2: weights .4 (ok), .1 (ood), .4 (wrong), .1 (ood); 2·AUGRC = .1·.1 + .4·(.2 + .4) + .1·(1 + .1).
    assertThat(RiskCoverage.joint(in, inCorrect, out, 0.2).augrc()).isCloseTo(0.18, within(1e-15));
  }

  @Test
  void reducesToTheMisclassificationTaskWhenTheOodShareIsZero() {
    Samples s = Samples.random(3, 100, 0.25);
    boolean[] failure = new boolean[100];
    for (int i = 0; i < 100; i++) {
      failure[i] = !s.positives()[i];
    }
    RiskCoverage alone = RiskCoverage.of(s.scores(), failure);
    RiskCoverage joint = RiskCoverage.joint(s.scores(), s.positives(), new double[] {5, 0, -5}, 0);
    assertThat(joint.augrc()).isCloseTo(alone.augrc(), within(1e-14));
    assertThat(joint.aurc()).isCloseTo(alone.aurc(), within(1e-14));
  }

  @Test
  void rejectsAnOodShareOfOneOrOodShareWithoutOodSamples() {
    assertThatThrownBy(() -> RiskCoverage.oodWeights(2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1)").hasMessageContaining("1.0");
    assertThatThrownBy(() -> RiskCoverage.oodWeights(2, 2, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> RiskCoverage.oodWeights(2, 2, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> RiskCoverage.oodWeights(2, 0, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 0");
    assertThatThrownBy(() -> RiskCoverage.oodWeights(0, 3, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 and 3");
  }

  @Test
  void rejectsBadConfidencesWeightsAndLengths() {
    boolean[] two = {true, false};
    assertThatThrownBy(() -> RiskCoverage.of(new double[] {0.5, Double.NaN}, two))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence 1").hasMessageContaining("NaN");
    assertThatThrownBy(() -> RiskCoverage.of(new double[] {0.5, 0.4}, two, new double[] {1, -2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 1").hasMessageContaining("-2.0");
    assertThatThrownBy(() -> RiskCoverage.of(new double[] {0.5, 0.4}, two, new double[] {Double.POSITIVE_INFINITY, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 0").hasMessageContaining("Infinity");
    assertThatThrownBy(() -> RiskCoverage.of(new double[] {0.5, 0.4}, two, new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all be 0");
    assertThatThrownBy(() -> RiskCoverage.of(new double[] {0.5}, two))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1, 2 and 1");
    assertThatThrownBy(() -> RiskCoverage.of(new double[0], new boolean[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none");
    assertThatThrownBy(() -> RiskCoverage.joint(new double[] {0.5}, two, new double[] {0.1}, 0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 vs 2");
  }

  /** Traub et al.'s curve one sample at a time: trapezoids between (k/n, failures among the top k / n). */
  private static double perSampleAugrc(double[] confidence, boolean[] failure) {
    Integer[] order = new Integer[confidence.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
    double n = confidence.length;
    double area = 0;
    double risk = 0;
    for (int i : order) {
      double next = risk + (failure[i] ? 1 / n : 0);
      area += (risk + next) / 2 / n;
      risk = next;
    }
    return area;
  }

  /** ∫ selective risk d coverage by the midpoint rule, through each tie group with weight in 10,000 slices. */
  private static double midpointAurc(double[] confidence, boolean[] failure, double[] weight) {
    double total = Arrays.stream(weight).sum();
    double[] levels = Arrays.stream(confidence).distinct().sorted().toArray();
    double accepted = 0;
    double failures = 0;
    double area = 0;
    for (int k = levels.length - 1; k >= 0; k--) {
      double g = 0;
      double f = 0;
      for (int i = 0; i < confidence.length; i++) {
        if (confidence[i] == levels[k]) {
          g += weight[i];
          f += failure[i] ? weight[i] : 0;
        }
      }
      int slices = g == 0 ? 0 : 10_000;
      for (int j = 0; j < slices; j++) {
        double u = (j + 0.5) / slices;
        area += g / slices / total * (failures + f * u) / (accepted + g * u);
      }
      accepted += g;
      failures += f;
    }
    return area;
  }

  /** Every permutation of 0..n-1 (Heap's algorithm). */
  private static List<int[]> permutations(int n) {
    List<int[]> all = new ArrayList<>();
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] c = new int[n];
    all.add(a.clone());
    int i = 0;
    while (i < n) {
      if (c[i] < i) {
        int j = i % 2 == 0 ? 0 : c[i];
        int t = a[j];
        a[j] = a[i];
        a[i] = t;
        all.add(a.clone());
        c[i]++;
        i = 0;
      } else {
        c[i] = 0;
        i++;
      }
    }
    return all;
  }
}
