package io.penultimate.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlainDotProductsTest {

  @Test
  void multipliesEveryQueryRowWithEveryStoredRow() {
    // stored rows (1, 2, 3) and (0, −1, 4); queries (1, 0, 0), (2, 1, −1)
    DotProducts.StoredRows stored = PlainDotProducts.INSTANCE.store(new float[] {1, 2, 3, 0, -1, 4}, 2, 3);

    assertThat(stored.times(new float[] {1, 0, 0, 2, 1, -1}, 2)).containsExactly(1, 0, 1, -5);
  }

  @Test
  void sumsRowsLongerThanItsUnrollingAndTheirRemainders() {
    int width = 19; // two blocks of eight and three left over
    float[] stored = new float[width];
    float[] query = new float[width];
    double expected = 0;
    for (int j = 0; j < width; j++) {
      stored[j] = j + 1;
      query[j] = j % 3 - 1;
      expected += (j + 1) * (j % 3 - 1);
    }

    assertThat(PlainDotProducts.INSTANCE.store(stored, 1, width).times(query, 1)).containsExactly((float) expected);
  }

  @Test
  void keepsItsOwnCopyOfTheStoredRows() {
    float[] stored = {1, 2};
    DotProducts.StoredRows rows = PlainDotProducts.INSTANCE.store(stored, 1, 2);
    stored[0] = 100;

    assertThat(rows.times(new float[] {1, 1}, 1)).containsExactly(3);
  }

  @Test
  void refusesStoredValuesThatAreNotRowsTimesWidth() {
    assertThatThrownBy(() -> PlainDotProducts.INSTANCE.store(new float[5], 2, 3)).hasMessage("2 rows of 3 need 6 values, found 5");
  }
}
