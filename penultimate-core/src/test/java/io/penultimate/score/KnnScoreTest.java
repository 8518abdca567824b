package io.penultimate.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnnScoreTest {

  /** Normalised: (1, 0), (0, 1), (−1, 0), (1/√2, 1/√2). */
  private static final double[][] STORED = {{1, 0}, {0, 2}, {-3, 0}, {1, 1}};

  @Test
  void matchesHandComputedKthNeighbourDistances() {
    // z = (2, 0)/2 = (1, 0); distances to the stored unit vectors:
    //   (1, 0): 0;  (1/√2, 1/√2): sqrt((1 − 1/√2)² + 1/2) = sqrt(2 − √2) = 0.7653668647301795;
    //   (0, 1): √2;  (−1, 0): 2
    double[] h = {2, 0};
    double tolerance = 1e-7; // stored as float

    assertThat(knn(1).score(h)).isCloseTo(0, within(tolerance));
    assertThat(knn(2).score(h)).isCloseTo(-0.7653668647301795, within(tolerance));
    assertThat(knn(3).score(h)).isCloseTo(-Math.sqrt(2), within(tolerance));
    assertThat(knn(4).score(h)).isCloseTo(-2, within(tolerance));
  }

  @Test
  void ranksTheNearerSampleHigher() {
    KnnScore score = knn(2);

    // (1, 0.1) points between (1, 0) and (1/√2, 1/√2); (−1, 0.1) is near (−1, 0) only
    assertThat(score.score(new double[] {1, 0.1})).isGreaterThan(score.score(new double[] {-1, 0.1}));
    // only the direction counts: a longer vector in the same direction scores the same
    assertThat(score.score(new double[] {50, 5})).isCloseTo(score.score(new double[] {1, 0.1}), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(ints = {37, 200}) // not multiples of the unrolling; 200 spans several blocks, which may be cut short
  void agreesWithSortingEveryDistance(int d) {
    Random random = new Random(9);
    double[][] stored = new double[500][d];
    for (double[] row : stored) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextGaussian();
      }
    }
    KnnModel model = new KnnFitter(50, 10_000, 1).fit(stored);
    KnnScore score = new KnnScore(model);
    for (int trial = 0; trial < 20; trial++) {
      double[] h = new double[d];
      for (int j = 0; j < d; j++) {
        h[j] = random.nextGaussian() + (trial % 2 == 0 ? 0 : stored[trial][j]);
      }
      double[] distances = sortedSquaredDistances(model, h);
      // summed in float: within float rounding of the double sum
      assertThat(score.kthSquaredDistances(new double[][] {h})[0]).isCloseTo(distances[49], within(1e-6 * distances[49]));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {32, 512})
  void agreesWithSortingEveryDistanceAmongNearDuplicatesOfASaturatedLayer(int d) {
    // sigmoid-like outputs near 0 or 1 with a few patterns: the k-th neighbour is a near-duplicate,
    // below EXACT_BELOW, so the k nearest are summed again from differences
    Random random = new Random(3);
    double[][] patterns = new double[4][d];
    for (double[] pattern : patterns) {
      for (int j = 0; j < d; j++) {
        pattern[j] = random.nextBoolean() ? 0.999 : 0.001;
      }
    }
    double[][] stored = new double[2_000][d];
    for (int i = 0; i < stored.length; i++) {
      for (int j = 0; j < d; j++) {
        stored[i][j] = patterns[i % patterns.length][j] + 1e-2 * random.nextGaussian();
      }
    }
    KnnModel model = new KnnFitter(50, 10_000, 1).fit(stored);
    KnnScore score = new KnnScore(model);
    for (int trial = 0; trial < 20; trial++) {
      double[] h = new double[d];
      for (int j = 0; j < d; j++) {
        h[j] = patterns[trial % patterns.length][j] + 1e-2 * random.nextGaussian();
      }
      double[] distances = sortedSquaredDistances(model, h);
      assertThat(distances[49]).as("the path under test").isLessThan(KnnScore.EXACT_BELOW);
      // the k are chosen by the expansion, so rank k is known to within its rounding (about 1e-6 here)
      assertThat(score.kthSquaredDistances(new double[][] {h})[0]).isCloseTo(distances[49], within(1e-5 * distances[49] + 2e-6));
    }
  }

  @Test
  void agreesWithSortingEveryDistanceWhenTheStoredVectorsComeSortedByClassAndRepeat() {
    // ten tight classes stored one after the other, as a fitting set sorted by label gives them,
    // and every class's first vector stored ten times over, so that the k-th distance is tied
    Random random = new Random(11);
    int d = 16;
    double[][] centres = new double[10][d];
    for (double[] centre : centres) {
      for (int j = 0; j < d; j++) {
        centre[j] = random.nextDouble();
      }
    }
    double[][] stored = new double[1_000][d];
    for (int i = 0; i < stored.length; i++) {
      double[] centre = centres[i / 100];
      for (int j = 0; j < d; j++) {
        stored[i][j] = i % 100 < 10 ? centre[j] : centre[j] + 0.05 * random.nextGaussian();
      }
    }
    for (int k : new int[] {1, 10, 50, 150}) {
      KnnModel model = new KnnFitter(k, 10_000, 1).fit(stored);
      KnnScore score = new KnnScore(model);
      for (int trial = 0; trial < 30; trial++) {
        double[] h = trial % 3 == 2 ? centres[trial % 10].clone() : new double[d];
        for (int j = 0; j < d; j++) {
          h[j] += trial % 3 == 0 ? random.nextGaussian() : 0.05 * random.nextGaussian();
        }
        double kth = sortedSquaredDistances(model, h)[k - 1];
        assertThat(score.kthSquaredDistances(new double[][] {h})[0]).as("k %d, trial %d", k, trial)
            .isCloseTo(kth, within(1e-5 * kth + 2e-6));
      }
    }
  }

  /** Every stored vector's squared distance from h normalised, summed in double, in ascending order. */
  private static double[] sortedSquaredDistances(KnnModel model, double[] h) {
    double[] z = KnnScore.normaliseToDouble(h);
    double[] distances = new double[model.size()];
    for (int i = 0; i < distances.length; i++) {
      float[] s = model.vectors()[i];
      for (int j = 0; j < z.length; j++) {
        distances[i] += (z[j] - s[j]) * (z[j] - s[j]);
      }
    }
    Arrays.sort(distances);
    return distances;
  }

  @Test
  void scoresABatchLongerThanOneMatrixProductAsItScoresEachRow() {
    Random random = new Random(4);
    double[][] stored = new double[300][12];
    double[][] samples = new double[KnnScore.CHUNK * 2 + 5][12];
    for (double[][] set : new double[][][] {stored, samples}) {
      for (double[] row : set) {
        for (int j = 0; j < row.length; j++) {
          row[j] = random.nextGaussian();
        }
      }
    }
    KnnScore score = new KnnScore(new KnnFitter(10, 1_000, 1).fit(stored));

    double[] batch = score.scores(samples);

    for (int i = 0; i < samples.length; i++) {
      assertThat(batch[i]).as("row %d", i).isEqualTo(score.score(samples[i]));
    }
  }

  @Test
  void keepsTheRelativePrecisionOfANearDuplicate() {
    // (1, 1e-4) normalised is 5e-9 from (1, 0) squared: the expansion 1 + 1 − 2 z·s rounds that
    // to 0 or 1.2e-7 in float; the distance summed again from differences keeps it
    KnnScore score = new KnnScore(new KnnFitter(1, 10, 1).fit(new double[][] {{1, 0}, {0, 1}}));
    double[] h = {1, 1e-4};
    double[] z = KnnScore.normaliseToDouble(h);
    double exact = (z[0] - 1) * (z[0] - 1) + z[1] * z[1];

    assertThat(score.kthSquaredDistances(new double[][] {h})[0]).isCloseTo(exact, within(1e-3 * exact));
  }

  @Test
  void keepsTheZeroVectorAtDistanceOneFromEveryUnitVector() {
    // a float-rounded 1/√2 stored vector is 1 within 1e-7
    assertThat(knn(1).score(new double[] {0, 0})).isCloseTo(-1, within(1e-7));
    KnnModel withZero = new KnnFitter(1, 10, 1).fit(new double[][] {{0, 0}, {3, 4}});
    assertThat(withZero.vectors()[0]).containsExactly(0, 0);
    assertThat(new KnnScore(withZero).score(new double[] {0, 0})).isZero();
  }

  @Test
  void normalisesWithoutOverflowOrUnderflow() {
    assertThat(KnnScore.normaliseToDouble(new double[] {1e300, -1e300}))
        .containsExactly(new double[] {Math.sqrt(0.5), -Math.sqrt(0.5)}, within(1e-15));
    assertThat(KnnScore.normaliseToDouble(new double[] {3e-310, 4e-310})).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
    assertThat(knn(2).score(new double[] {Double.MAX_VALUE, Double.MAX_VALUE})).isFinite().isBetween(-2.0, 0.0);
  }

  @Test
  void storesAUniformSeededSampleOfAtMostTheCap() {
    double[][] hidden = new double[100][];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = new double[] {i + 1, 1};
    }
    KnnModel sample = new KnnFitter(50, 10, 3).fit(hidden);
    KnnModel again = new KnnFitter(50, 10, 3).fit(hidden);
    KnnModel other = new KnnFitter(50, 10, 4).fit(hidden);

    assertThat(sample.size()).isEqualTo(10);
    assertThat(sample.k()).as("k is capped at the number stored").isEqualTo(10);
    assertThat(again).isEqualTo(sample);
    assertThat(other).isNotEqualTo(sample);
    Set<List<Float>> normalised = new HashSet<>();
    for (double[] h : hidden) {
      float[] z = KnnScore.normalise(h);
      normalised.add(List.of(z[0], z[1]));
    }
    for (float[] z : sample.vectors()) {
      assertThat(normalised).contains(List.of(z[0], z[1]));
    }
    // kept in their original order: the first coordinate falls as i grows
    for (int i = 1; i < sample.size(); i++) {
      assertThat(sample.vectors()[i][0]).isGreaterThan(sample.vectors()[i - 1][0]);
    }
    assertThat(new KnnFitter(50, 1000, 3).fit(hidden).size()).as("under the cap, everything").isEqualTo(100);
  }

  @Test
  void rejectsInvalidSettingsInputsAndModels() {
    assertThatThrownBy(() -> new KnnFitter(0, 10, 1)).hasMessage("k must be >= 1, found 0");
    assertThatThrownBy(() -> new KnnFitter(5, 0, 1)).hasMessage("cap must be >= 1, found 0");
    assertThatThrownBy(() -> new KnnFitter().fit(new double[0][])).hasMessage("need at least one hidden vector, found none");
    assertThatThrownBy(() -> new KnnFitter().fit(new double[][] {{1, 0}, {Double.NaN, 0}}))
        .hasMessage("hidden[1][0] must be finite, found NaN");
    assertThatThrownBy(() -> knn(2).score(new double[3])).hasMessage("h has length 3, expected 2");
    assertThatThrownBy(() -> new KnnModel(3, new float[][] {{1, 0}, {0, 1}}))
        .hasMessage("k must be in [1, 2] (the number of vectors), found 3");
    assertThatThrownBy(() -> new KnnModel(1, new float[][] {{1, 1}}))
        .hasMessage("vectors[0] must have unit length (or be zero), found squared length 2.0");
    assertThatThrownBy(() -> new KnnModel(1, new float[][] {{1, 0}, {1}})).hasMessage("vectors[1] has length 1, expected 2");
    assertThatThrownBy(() -> new KnnModel(1, new float[][] {{Float.NaN, 0}})).hasMessage("vectors[0][0] must be finite, found NaN");
  }

  @Test
  void doesNotShareArraysWithCallers() {
    float[][] vectors = {{1, 0}};
    KnnModel model = new KnnModel(1, vectors);
    vectors[0][0] = 0;
    model.vectors()[0][1] = 9;

    assertThat(model.vectors()[0]).containsExactly(1, 0);
  }

  private static KnnScore knn(int k) {
    return new KnnScore(new KnnFitter(k, 100, 1).fit(STORED));
  }
}
