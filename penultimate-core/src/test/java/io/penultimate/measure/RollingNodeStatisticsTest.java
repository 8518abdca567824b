package io.penultimate.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingNodeStatisticsTest {

  private static final double LOW = NodeStatistics.PAPER_LOW;
  private static final double HIGH = NodeStatistics.PAPER_HIGH;

  /** A value of a sigmoid-like node with frequent exact band bounds, zeros and ones. */
  private static double activation(Random random) {
    double u = random.nextDouble();
    if (u < 0.1) {
      return random.nextBoolean() ? LOW : HIGH;
    }
    if (u < 0.25) {
      return random.nextInt(2);
    }
    return random.nextDouble();
  }

  private static List<NodeStatistics> training(Random random, int rows, int width) {
    double[][] hidden = new double[rows][width];
    for (double[] row : hidden) {
      for (int i = 0; i < width; i++) {
        // node 0 is ReLU-like with many zeros, so its bins are merged
        row[i] = i == 0 && random.nextDouble() < 0.6 ? 0 : activation(random);
      }
    }
    return NodeStatistics.of(hidden, LOW, HIGH);
  }

  /** The bin by counting the edges strictly below v, independent of the binary search. */
  private static int linearBin(NodeBins bins, double v) {
    int b = 0;
    while (b < bins.upperEdges().length && bins.upperEdges()[b] < v) {
      b++;
    }
    return b;
  }

  @Test
  void matchesABruteForceRecomputationOverTheLastNVectorsOnRandomStreams() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      int width = 1 + random.nextInt(4);
      int capacity = 1 + random.nextInt(40);
      List<NodeStatistics> training = training(random, 50 + random.nextInt(100), width);
      RollingNodeStatistics rolling = new RollingNodeStatistics(training, capacity, LOW, HIGH);
      List<double[]> values = new ArrayList<>();
      List<double[]> logDensities = new ArrayList<>();
      for (int step = 0; step < 300; step++) {
        double[] v = new double[width];
        double[] d = new double[width];
        for (int i = 0; i < width; i++) {
          v[i] = activation(random);
          d[i] = -5 * random.nextDouble();
        }
        rolling.add(v, d);
        values.add(v);
        logDensities.add(d);
        int from = Math.max(0, values.size() - capacity);
        List<double[]> window = values.subList(from, values.size());
        List<double[]> windowDensities = logDensities.subList(from, values.size());
        assertThat(rolling.size()).isEqualTo(window.size());
        for (int node = 0; node < width; node++) {
          NodeBins bins = training.get(node).bins();
          double sum = 0;
          double densitySum = 0;
          int saturated = 0;
          int[] counts = new int[bins.bins()];
          for (int r = 0; r < window.size(); r++) {
            double x = window.get(r)[node];
            sum += x;
            densitySum += windowDensities.get(r)[node];
            saturated += x < LOW || x > HIGH ? 1 : 0;
            counts[linearBin(bins, x)]++;
          }
          double mean = sum / window.size();
          double squares = 0;
          for (double[] row : window) {
            squares += (row[node] - mean) * (row[node] - mean);
          }
          String where = "seed " + seed + " step " + step + " node " + node;
          assertThat(rolling.mean(node)).as(where).isCloseTo(mean, within(1e-12));
          assertThat(rolling.taskVariance(node)).as(where).isCloseTo(squares / window.size(), within(1e-12));
          assertThat(rolling.saturationShare(node)).as(where).isEqualTo((double) saturated / window.size());
          assertThat(rolling.meanLogDensity(node)).as(where).isCloseTo(densitySum / window.size(), within(1e-12));
          assertThat(rolling.drift(node)).as(where)
              .isCloseTo(PopulationStability.index(bins.shares(), counts), within(1e-12));
        }
      }
    }
  }

  @Test
  void reportsNothingButNaNWhileEmpty() {
    RollingNodeStatistics rolling = new RollingNodeStatistics(training(new Random(3), 40, 2), 5, LOW, HIGH);
    assertThat(rolling.size()).isZero();
    assertThat(rolling.width()).isEqualTo(2);
    assertThat(rolling.mean(1)).isNaN();
    assertThat(rolling.taskVariance(1)).isNaN();
    assertThat(rolling.saturationShare(1)).isNaN();
    assertThat(rolling.meanLogDensity(1)).isNaN();
    assertThat(rolling.drift(1)).isNaN();
  }

  @Test
  void evictsTheOldestVectorOnceFull() {
    RollingNodeStatistics rolling = new RollingNodeStatistics(training(new Random(4), 40, 1), 2, LOW, HIGH);
    rolling.add(new double[] {0.95}, new double[] {-10});
    rolling.add(new double[] {0.2}, new double[] {-1});
    rolling.add(new double[] {0.6}, new double[] {-3});
    // window {0.2, 0.6}: mean .4, variance ((-.2)² + .2²)/2 = .04, none saturated, log-density (-1 - 3)/2
    assertThat(rolling.size()).isEqualTo(2);
    assertThat(rolling.mean(0)).isCloseTo(0.4, within(1e-15));
    assertThat(rolling.taskVariance(0)).isCloseTo(0.04, within(1e-15));
    assertThat(rolling.saturationShare(0)).isZero();
    assertThat(rolling.meanLogDensity(0)).isEqualTo(-2);
  }

  @Test
  void rejectsVectorsOfTheWrongWidth() {
    RollingNodeStatistics rolling = new RollingNodeStatistics(training(new Random(5), 40, 2), 5, LOW, HIGH);
    assertThatThrownBy(() -> rolling.add(new double[3], new double[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 2 nodes, found 3 and 2");
    assertThatThrownBy(() -> rolling.add(new double[2], new double[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2 and 1");
    assertThat(rolling.size()).isZero();
  }

  @Test
  void rejectsAnEmptyWindowOrNoNodes() {
    assertThatThrownBy(() -> new RollingNodeStatistics(training(new Random(6), 40, 1), 0, LOW, HIGH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0 and 1");
    assertThatThrownBy(() -> new RollingNodeStatistics(List.of(), 5, LOW, HIGH))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 5 and 0");
  }
}
