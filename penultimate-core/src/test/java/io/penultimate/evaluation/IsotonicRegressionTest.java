package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsotonicRegressionTest {

  private static final double[] ONE_TO_SIX = {1, 2, 3, 4, 5, 6};

  @Test
  void poolsAdjacentViolatorsIntoTheirMean() {
    IsotonicMap map = IsotonicRegression.fit(ONE_TO_SIX, new double[] {1, 3, 2, 4, 3, 5});
    assertThat(map.xs()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(map.ys()).containsExactly(1, 2.5, 2.5, 3.5, 3.5, 5);
  }

  @Test
  void interpolatesBetweenBlocksAndIsConstantBeyondTheEnds() {
    IsotonicMap map = IsotonicRegression.fit(ONE_TO_SIX, new double[] {1, 3, 2, 4, 3, 5});
    assertThat(map.apply(2.5)).isEqualTo(2.5); // inside a block
    assertThat(map.apply(3.5)).isEqualTo(3.0); // halfway from 2.5 to 3.5
    assertThat(map.apply(1.5)).isEqualTo(1.75);
    assertThat(map.apply(-100)).isEqualTo(1);
    assertThat(map.apply(Double.POSITIVE_INFINITY)).isEqualTo(5);
  }

  @Test
  void mapsNanToTheLowestValue() {
    IsotonicMap map = IsotonicRegression.fit(ONE_TO_SIX, new double[] {1, 3, 2, 4, 3, 5});
    assertThat(map.apply(Double.NaN)).isEqualTo(1);
  }

  @Test
  void leavesAnAlreadyIncreasingSequenceAlone() {
    IsotonicMap map = IsotonicRegression.fit(new double[] {3, 1, 2}, new double[] {30, 10, 20});
    assertThat(map.xs()).containsExactly(1, 2, 3);
    assertThat(map.ys()).containsExactly(10, 20, 30);
  }

  @Test
  void poolsTiedInputsBeforeFitting() {
    // x=1 pools to ½, then x=2 (0) violates it: everything pools to 1/3.
    IsotonicMap map = IsotonicRegression.fit(new double[] {1, 1, 2}, new boolean[] {false, true, false});
    assertThat(map.xs()).containsExactly(1, 2);
    assertThat(map.ys()).containsExactly(1.0 / 3, 1.0 / 3);
    // Tied inputs alone give one point.
    IsotonicMap single = IsotonicRegression.fit(new double[] {4, 4}, new double[] {1, 2});
    assertThat(single.xs()).containsExactly(4);
    assertThat(single.ys()).containsExactly(1.5);
  }

  @Test
  void weighsPointsWhenPooling() {
    IsotonicMap map = IsotonicRegression.fit(new double[] {1, 2}, new double[] {2, 0}, new double[] {3, 1});
    assertThat(map.ys()).containsExactly(1.5, 1.5);
  }

  @Test
  void staysMonotoneWithinTheDataRangeAndPreservesTheWeightedMeanOnRandomData() {
    for (long seed = 1; seed <= 50; seed++) {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(200);
      double[] x = new double[n];
      double[] y = new double[n];
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.round(random.nextGaussian() * 10) / 10.0; // ties are common
        y[i] = x[i] + random.nextGaussian();
        w[i] = 0.1 + random.nextDouble();
      }
      IsotonicMap map = IsotonicRegression.fit(x, y, w);
      double minY = Arrays.stream(y).min().orElseThrow();
      double maxY = Arrays.stream(y).max().orElseThrow();
      double previous = Double.NEGATIVE_INFINITY;
      for (double t = -5; t <= 5; t += 0.01) {
        double value = map.apply(t);
        assertThat(value).as("seed %d at %f", seed, t).isGreaterThanOrEqualTo(previous).isBetween(minY, maxY);
        previous = value;
      }
      // A least-squares fit over pooled blocks keeps each block's weighted mean, hence the total one.
      double fitted = 0;
      double observed = 0;
      for (int i = 0; i < n; i++) {
        fitted += w[i] * map.apply(x[i]);
        observed += w[i] * y[i];
      }
      assertThat(fitted).as("seed %d", seed).isCloseTo(observed, within(1e-9 * n));
    }
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    IsotonicMap map = IsotonicRegression.fit(ONE_TO_SIX, new double[] {1, 3, 2, 4, 3, 5});
    String text = json.writeValueAsString(map);
    assertThat(text).isEqualTo("{\"xs\":[1.0,2.0,3.0,4.0,5.0,6.0],\"ys\":[1.0,2.5,2.5,3.5,3.5,5.0]}");
    assertThat(json.readValue(text, IsotonicMap.class)).isEqualTo(map);
  }

  @Test
  void refusesToLoadADecreasingMap() {
    assertThatThrownBy(() -> new ObjectMapper().readValue("{\"xs\":[1,2],\"ys\":[2,1]}", IsotonicMap.class))
        .isInstanceOf(ValueInstantiationException.class).hasMessageContaining("ys must not decrease");
    assertThatThrownBy(() -> new IsotonicMap(new double[] {1, 1}, new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xs must increase strictly");
  }

  @Test
  void rejectsNonFiniteInputsAndBadWeights() {
    assertThatThrownBy(() -> IsotonicRegression.fit(new double[] {1, Double.NaN}, new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x 1");
    assertThatThrownBy(() -> IsotonicRegression.fit(new double[] {1, 2}, new double[] {0, Double.POSITIVE_INFINITY}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y 1");
    assertThatThrownBy(() -> IsotonicRegression.fit(new double[] {1, 2}, new double[] {0, 1}, new double[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight 1").hasMessageContaining("0.0");
    assertThatThrownBy(() -> IsotonicRegression.fit(new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
  }
}
