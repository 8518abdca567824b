package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  /** Two channels of 3x3: channel c, pixel (y, x) holds 100c + 10y + x. */
  private static final float[] IMAGE = {
    0, 1, 2, 10, 11, 12, 20, 21, 22,
    100, 101, 102, 110, 111, 112, 120, 121, 122
  };
  private final Augmentation augmentation = new Augmentation(2, 3, 3);

  @Test
  void shiftingByNothingKeepsTheImage() {
    assertThat(augmentation.shifted(IMAGE, 0, 0, false)).containsExactly(IMAGE);
  }

  @Test
  void shiftsEveryChannelAlikeAndFillsWithZeros() {
    // output (y, x) = input (y + 1, x - 1): the image moves up one row and right one column
    assertThat(augmentation.shifted(IMAGE, 1, -1, false)).containsExactly(
        0, 10, 11, 0, 20, 21, 0, 0, 0,
        0, 110, 111, 0, 120, 121, 0, 0, 0);
  }

  @Test
  void flipsEachRowLeftToRight() {
    assertThat(augmentation.shifted(IMAGE, 0, 0, true)).containsExactly(
        2, 1, 0, 12, 11, 10, 22, 21, 20,
        102, 101, 100, 112, 111, 110, 122, 121, 120);
  }

  @Test
  void drawsEveryShiftUpToThePaddingEachWayAndFlipsHalfTheImages() {
    Augmentation nine = new Augmentation(1, 9, 9);
    float[] image = new float[81];
    for (int i = 0; i < image.length; i++) {
      image[i] = 1 + i; // all distinct and nonzero: each (dy, dx, flip) gives its own output
    }
    Map<String, String> byOutput = new HashMap<>();
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        for (boolean flip : new boolean[] {false, true}) {
          byOutput.put(Arrays.toString(nine.shifted(image, dy, dx, flip)), dy + "," + dx + "," + flip);
        }
      }
    }
    Random random = new Random(3);
    Map<String, Integer> seen = new HashMap<>();
    int draws = 16_200;
    for (int i = 0; i < draws; i++) {
      seen.merge(byOutput.get(Arrays.toString(nine.apply(image, random))), 1, Integer::sum);
    }
    long flipped = seen.entrySet().stream().filter(e -> e.getKey().endsWith("true")).mapToLong(Map.Entry::getValue).sum();

    assertThat(byOutput).hasSize(162);
    assertThat(seen).hasSize(162).doesNotContainKey(null);
    assertThat(seen.values()).allSatisfy(count -> assertThat(count).isBetween(60, 140)); // 100 expected each
    assertThat(flipped / (double) draws).isBetween(0.48, 0.52);
  }

  @Test
  void leavesTheInputUntouched() {
    float[] copy = IMAGE.clone();
    augmentation.apply(IMAGE, new Random(1));
    assertThat(IMAGE).containsExactly(copy);
  }
}
