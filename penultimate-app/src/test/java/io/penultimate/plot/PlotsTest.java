package io.penultimate.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.evaluation.CalibrationError;
import io.penultimate.evaluation.CalibrationError.Bin;
import io.penultimate.evaluation.RocCurve;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
  /** A line across the plot covers far more pixels than its sample in the legend (a ~24 px stroke). */
  private static final int DRAWN_PIXELS = 300;

  @TempDir Path dir;

  // ROC curves

  @Test
  void drawsOneRocLinePerScoreInItsOwnColour() throws IOException {
    Path out = dir.resolve("roc.png");
    Map<String, RocCurve> curves = new LinkedHashMap<>();
    curves.put("max softmax", curve(1, 500, 1.0));
    curves.put("mutual information", curve(2, 500, 2.0));
    Plots.rocCurves(out, "In- vs out-of-distribution", curves);
    BufferedImage image = readPng(out);
    assertThat(pixelsOf(image, Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
    assertThat(pixelsOf(image, Plots.colour(1))).isGreaterThan(DRAWN_PIXELS);
    assertThat(pixelsOf(image, Plots.colour(2))).isZero();
  }

  @Test
  void drawsACurveOfAHundredThousandPoints() throws IOException {
    Path out = dir.resolve("roc.png");
    Plots.rocCurves(out, "long", Map.of("score", curve(3, 100_000, 1.0)));
    assertThat(pixelsOf(readPng(out), Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
  }

  @Test
  void labelsEachRocCurveWithItsArea() {
    RocCurve curve = RocCurve.of(new double[] {3, 2, 1, 0}, new boolean[] {true, false, true, false});
    assertThat(Plots.rocLabel("energy", curve)).isEqualTo("energy (AUROC 0.750)");
  }

  @Test
  void createsMissingParentDirectoriesAndWritesExactlyThePathGiven() throws IOException {
    Path out = dir.resolve("runs/a/b/roc.image");
    Plots.rocCurves(out, "nested", Map.of("score", curve(4, 50, 1.0)));
    assertThat(readPng(out)).isNotNull();
    assertThat(dir.resolve("runs/a/b/roc.image.png")).doesNotExist();
  }

  @Test
  void rejectsAnRocPlotWithoutCurvesNamingThePlot() {
    assertThatThrownBy(() -> Plots.rocCurves(dir.resolve("roc.png"), "test set", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROC plot \"test set\"");
    assertThat(dir.resolve("roc.png")).doesNotExist();
  }

  @Test
  void rejectsAnRocCurveWithoutFinitePointsNamingIt() {
    RocCurve nan = new RocCurve(List.of(new RocCurve.Point(1, Double.NaN, Double.NaN)));
    Map<String, RocCurve> curves = new LinkedHashMap<>();
    curves.put("good", curve(5, 50, 1.0));
    curves.put("broken", nan);
    assertThatThrownBy(() -> Plots.rocCurves(dir.resolve("roc.png"), "test set", curves))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ROC plot \"test set\"").hasMessageContaining("\"broken\"");
  }

  // Reliability diagrams

  @Test
  void drawsAReliabilityDiagramSkippingEmptyBins() throws IOException {
    List<Bin> bins = reliability(6, 2_000);
    assertThat(bins).anyMatch(bin -> bin.count() == 0);
    Map<String, List<Bin>> scores = new LinkedHashMap<>();
    scores.put("softmax", bins);
    scores.put("isotonic", reliability(7, 2_000));
    Path out = dir.resolve("reliability.png");
    Plots.reliabilityDiagram(out, "Calibration", scores, Map.of("softmax", 0.042));
    BufferedImage image = readPng(out);
    assertThat(pixelsOf(image, Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
    assertThat(pixelsOf(image, Plots.colour(1))).isGreaterThan(DRAWN_PIXELS);
  }

  @Test
  void drawsAReliabilityDiagramWithoutEce() throws IOException {
    Path out = dir.resolve("reliability.png");
    Plots.reliabilityDiagram(out, "Calibration", Map.of("softmax", reliability(8, 500)));
    assertThat(pixelsOf(readPng(out), Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
  }

  @Test
  void showsTheEceInTheLegendOnlyWhenFinite() {
    assertThat(Plots.reliabilityLabel("softmax", 0.04249)).isEqualTo("softmax (ECE 0.042)");
    assertThat(Plots.reliabilityLabel("softmax", Double.NaN)).isEqualTo("softmax");
    assertThat(Plots.reliabilityLabel("softmax", null)).isEqualTo("softmax");
  }

  @Test
  void rejectsAnEceForAScoreWithoutBins() {
    assertThatThrownBy(() -> Plots.reliabilityDiagram(dir.resolve("r.png"), "cal",
            Map.of("softmax", reliability(9, 100)), Map.of("sofmax", 0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reliability diagram \"cal\"").hasMessageContaining("\"sofmax\"");
  }

  @Test
  void rejectsAScoreWhoseBinsAreAllEmpty() {
    List<Bin> empty = List.of(new Bin(0, 0.5, 0, Double.NaN, Double.NaN), new Bin(0.5, 1, 0, Double.NaN, Double.NaN));
    assertThatThrownBy(() -> Plots.reliabilityDiagram(dir.resolve("r.png"), "cal", Map.of("softmax", empty)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reliability diagram \"cal\"").hasMessageContaining("\"softmax\"");
  }

  @Test
  void rejectsAReliabilityDiagramWithoutScores() {
    assertThatThrownBy(() -> Plots.reliabilityDiagram(dir.resolve("r.png"), "cal", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reliability diagram \"cal\"");
  }

  // Scatter plots

  @Test
  void drawsAScatterPlotIgnoringPairsWithANonFiniteCoordinate() throws IOException {
    Random random = new Random(10);
    double[] x = new double[64];
    double[] y = new double[64];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
      y[i] = x[i] + 0.1 * random.nextGaussian();
    }
    x[3] = Double.NaN;
    y[7] = Double.POSITIVE_INFINITY;
    Path out = dir.resolve("scatter.png");
    Plots.scatter(out, "Nodes", "task variance", "mutual information (nats)", x, y);
    assertThat(pixelsOf(readPng(out), Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
  }

  @Test
  void drawsAScatterPlotOfASinglePoint() throws IOException {
    Path out = dir.resolve("scatter.png");
    Plots.scatter(out, "One node", "x", "y", new double[] {0.5}, new double[] {2});
    assertThat(pixelsOf(readPng(out), Plots.colour(0))).isPositive();
  }

  @Test
  void rejectsAScatterPlotWhoseCoordinatesDifferInLength() {
    assertThatThrownBy(() -> Plots.scatter(dir.resolve("s.png"), "nodes", "x", "y", new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scatter plot \"nodes\"").hasMessageContaining("2 vs 3");
  }

  @Test
  void rejectsAScatterPlotWithoutAFinitePair() {
    double[] x = {1, Double.NaN};
    double[] y = {Double.NaN, 2};
    assertThatThrownBy(() -> Plots.scatter(dir.resolve("s.png"), "nodes", "x", "y", x, y))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scatter plot \"nodes\"");
    assertThatThrownBy(() -> Plots.scatter(dir.resolve("s.png"), "nodes", "x", "y", new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scatter plot \"nodes\"");
  }

  // Histograms

  @Test
  void drawsOverlaidHistogramsIgnoringNonFiniteValues() throws IOException {
    Random random = new Random(11);
    double[] correct = new double[5_000];
    double[] wrong = new double[200];
    for (int i = 0; i < correct.length; i++) {
      correct[i] = 0.7 + 0.15 * random.nextGaussian();
    }
    for (int i = 0; i < wrong.length; i++) {
      wrong[i] = 0.4 + 0.2 * random.nextGaussian();
    }
    wrong[0] = Double.NaN;
    wrong[1] = Double.NEGATIVE_INFINITY;
    Map<String, double[]> values = new LinkedHashMap<>();
    values.put("correct", correct);
    values.put("wrong", wrong);
    Path out = dir.resolve("hist.png");
    Plots.histograms(out, "Hidden node 3", values, 30, 0, 1);
    BufferedImage image = readPng(out);
    assertThat(pixelsOf(image, Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
    assertThat(pixelsOf(image, Plots.colour(1))).isGreaterThan(DRAWN_PIXELS);
  }

  @Test
  void rejectsHistogramsWithoutValuesNamingTheSeries() {
    Map<String, double[]> values = new LinkedHashMap<>();
    values.put("in", new double[] {0.5});
    values.put("out", new double[] {Double.NaN, Double.NaN});
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", values, 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("histogram \"ood\"").hasMessageContaining("\"out\"");
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", Map.of("in", new double[0]), 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"in\"");
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", Map.of(), 10, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histogram \"ood\"");
  }

  @Test
  void rejectsHistogramsWithoutBinsOrWithAnEmptyOrInfiniteRange() {
    Map<String, double[]> values = Map.of("in", new double[] {0.5});
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", values, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 0");
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", values, 10, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1.0, 1.0]");
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", values, 10, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0.0, NaN]");
    assertThatThrownBy(() -> Plots.histograms(dir.resolve("h.png"), "ood", values, 10, -Double.MAX_VALUE, Double.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histogram \"ood\"");
  }

  // Mixture fits

  @Test
  void drawsEachMixtureFitAsAFilledHistogramWithItsMixtureInTheSameColour() throws IOException {
    Map<String, GoodnessOfFit.Binned> fits = new LinkedHashMap<>();
    fits.put("all classes", new GoodnessOfFit.Binned(0, 4, new double[] {0.5, 0.1, 0.1, 0.05}, new double[] {0.45, 0.12, 0.1, 0.08}));
    fits.put("class cat", new GoodnessOfFit.Binned(1, 3, new double[] {0.2, 0.3}, new double[] {0.25, 0.25}));
    Path out = dir.resolve("node-7.png");
    Plots.mixtureFits(out, "Node 7", fits);
    BufferedImage image = readPng(out);
    assertThat(pixelsOf(image, Plots.colour(0))).isGreaterThan(DRAWN_PIXELS);
    assertThat(pixelsOf(image, Plots.colour(1))).isGreaterThan(DRAWN_PIXELS);
  }

  @Test
  void rejectsAMixturePlotWithoutFitsNamingThePlot() {
    assertThatThrownBy(() -> Plots.mixtureFits(dir.resolve("n.png"), "Node 1", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mixture plot \"Node 1\"");
  }

  // Helpers

  /** Scores of positives shifted by {@code separation} standard deviations from the negatives'. */
  private static RocCurve curve(long seed, int perClass, double separation) {
    Random random = new Random(seed);
    double[] scores = new double[2 * perClass];
    boolean[] positives = new boolean[2 * perClass];
    for (int i = 0; i < scores.length; i++) {
      positives[i] = i < perClass;
      scores[i] = random.nextGaussian() + (positives[i] ? separation : 0);
    }
    return RocCurve.of(scores, positives);
  }

  /** Overconfident predictions: correct with probability confidence². */
  private static List<Bin> reliability(long seed, int n) {
    Random random = new Random(seed);
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    for (int i = 0; i < n; i++) {
      confidence[i] = 0.5 + 0.5 * random.nextDouble();
      correct[i] = random.nextDouble() < confidence[i] * confidence[i];
    }
    return CalibrationError.reliability(confidence, correct, 15);
  }

  /** Reads the file as an image of the default size with more than one colour. */
  private static BufferedImage readPng(Path file) throws IOException {
    assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image).as("decoded %s", file).isNotNull();
    assertThat(image.getWidth()).isEqualTo(Plots.WIDTH);
    assertThat(image.getHeight()).isEqualTo(Plots.HEIGHT);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours").hasSizeGreaterThan(1);
    return image;
  }

  /** Pixels within a small distance of {@code colour}, so antialiased edges of a line still count. */
  private static int pixelsOf(BufferedImage image, Color colour) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color pixel = new Color(image.getRGB(x, y));
        int distance = Math.abs(pixel.getRed() - colour.getRed()) + Math.abs(pixel.getGreen() - colour.getGreen())
            + Math.abs(pixel.getBlue() - colour.getBlue());
        count += distance <= 24 ? 1 : 0;
      }
    }
    return count;
  }
}
