package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.math.DotProducts;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnModel;
import io.penultimate.score.KnnScore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BlasDotProductsTest {

  @ParameterizedTest
  @CsvSource({"1, 1, 1", "1, 300, 37", "64, 300, 100", "3, 7, 5"})
  void agreesWithThePlainJavaProductWithinFloatRounding(int count, int rows, int width) {
    Random random = new Random(count * 31L + rows);
    float[] stored = gaussian(random, rows * width);
    float[] queries = gaussian(random, count * width);

    float[] blas = BlasDotProducts.INSTANCE.store(stored, rows, width).times(queries, count);
    float[] plain = PlainDotProducts.INSTANCE.store(stored, rows, width).times(queries, count);

    assertThat(blas).hasSize(count * rows);
    for (int i = 0; i < plain.length; i++) {
      // each sums width products of unit-variance values: rounding grows like sqrt(width)
      assertThat(blas[i]).as("product %d", i).isCloseTo(plain[i], within(1e-5f * width));
    }
  }

  @Test
  void givesTheKnnScoreThePlainJavaOneGives() {
    Random random = new Random(3);
    double[][] fitting = new double[2_000][100];
    double[][] samples = new double[150][100]; // more than one matrix product's rows
    for (double[][] set : new double[][][] {fitting, samples}) {
      for (double[] row : set) {
        for (int j = 0; j < row.length; j++) {
          row[j] = random.nextGaussian();
        }
      }
    }
    KnnModel model = new KnnFitter(50, 5_000, 1).fit(fitting);

    double[] blas = new KnnScore(model, BlasDotProducts.INSTANCE).scores(samples);
    double[] plain = new KnnScore(model).scores(samples);

    assertThat(blas).containsExactly(plain, within(1e-6));
  }

  @Test
  void refusesStoredValuesThatAreNotRowsTimesWidth() {
    DotProducts products = BlasDotProducts.INSTANCE;
    assertThatThrownBy(() -> products.store(new float[5], 2, 3)).hasMessage("2 rows of 3 need 6 values, found 5");
  }

  private static float[] gaussian(Random random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
