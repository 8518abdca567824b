package io.penultimate.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergedQualityTest {
  private static final int COLUMNS = 3;

  /** Labelled predictions spread over several windows, and the same predictions pooled. */
  private record Stream(List<QualityWindow> windows, double[][] scores, double[][] calibrated, boolean[] correct) {}

  private static Stream stream(long seed, int parts, int n, double accuracy) {
    Random random = new Random(seed);
    List<QualityWindow> windows = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      windows.add(new QualityWindow(COLUMNS, n, null));
    }
    double[][] scores = new double[COLUMNS][n];
    double[][] calibrated = new double[COLUMNS][n];
    boolean[] correct = new boolean[n];
    for (int i = 0; i < n; i++) {
      correct[i] = random.nextDouble() < accuracy;
      double shift = correct[i] ? 1.0 : 0.0;
      // a continuous score, one with many ties, and one squeezed against 1 like a softmax maximum
      double[] row = {random.nextGaussian() + shift, Math.round(random.nextGaussian() + shift), 1 - Math.exp(-8 - 4 * shift - random.nextGaussian())};
      double[] probability = {random.nextDouble(), random.nextDouble(), correct[i] ? 0.9 : 0.3};
      for (int c = 0; c < COLUMNS; c++) {
        scores[c][i] = row[c];
        calibrated[c][i] = probability[c];
      }
      windows.get(random.nextInt(parts)).add(i, row, probability, correct[i]);
    }
    return new Stream(windows, scores, calibrated, correct);
  }

  private static MergedQuality merged(Stream stream, int maxPoints) {
    return new MergedQuality(COLUMNS, stream.windows().stream().map(w -> w.summary(maxPoints)).toList());
  }

  @Test
  void isExactWhileEverySampleFitsItsSketch() {
    Stream stream = stream(1, 4, 400, 0.8);

    MergedQuality merged = merged(stream, 1000);

    for (int c = 0; c < COLUMNS; c++) {
      assertThat(merged.auroc(c)).isCloseTo(Auroc.of(stream.scores()[c], stream.correct()), within(1e-12));
    }
  }

  @Test
  void aurocOfCompressedSamplesStaysWithinOneOverThePointCountOfTheExactValue() {
    for (long seed = 1; seed <= 10; seed++) {
      for (int parts : new int[] {1, 2, 4, 6}) {
        Stream stream = stream(seed, parts, 20_000, 0.9);

        MergedQuality merged = merged(stream, 256);

        for (int c = 0; c < COLUMNS; c++) {
          assertThat(merged.auroc(c)).as("seed %d, %d parts, column %d", seed, parts, c)
              .isCloseTo(Auroc.of(stream.scores()[c], stream.correct()), within(1.0 / 256));
        }
      }
    }
  }

  @Test
  void sizeAccuracyAndCalibrationErrorOfTheUnionAreExact() {
    Stream stream = stream(7, 5, 5_000, 0.7);

    MergedQuality merged = merged(stream, 16);

    int hits = 0;
    for (boolean correct : stream.correct()) {
      hits += correct ? 1 : 0;
    }
    assertThat(merged.size()).isEqualTo(5_000);
    assertThat(merged.accuracy()).isEqualTo(hits / 5_000.0);
    for (int c = 0; c < COLUMNS; c++) {
      assertThat(merged.expectedCalibrationError(c))
          .isCloseTo(CalibrationError.expected(stream.calibrated()[c], stream.correct()), within(1e-9));
    }
  }

  @Test
  void isUndefinedWithoutSummariesOrWithoutOneOfTheClasses() {
    MergedQuality none = new MergedQuality(COLUMNS, List.of());
    QualityWindow allCorrect = new QualityWindow(COLUMNS, 10, null);
    allCorrect.add(0, new double[] {1, 2, 3}, new double[] {0.5, 0.5, 0.5}, true);

    MergedQuality oneClass = new MergedQuality(COLUMNS, List.of(allCorrect.summary(8)));

    assertThat(none.size()).isZero();
    assertThat(none.accuracy()).isNaN();
    assertThat(none.auroc(0)).isNaN();
    assertThat(none.expectedCalibrationError(0)).isNaN();
    assertThat(oneClass.accuracy()).isEqualTo(1.0);
    assertThat(oneClass.auroc(1)).isNaN();
  }
}
