package io.penultimate.plot;

import io.penultimate.encoder.GoodnessOfFit;
import io.penultimate.evaluation.CalibrationError.Bin;
import io.penultimate.evaluation.RiskCoverage;
import io.penultimate.evaluation.RocCurve;
import io.penultimate.plot.SeriesData.XY;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of evaluation results, {@value #WIDTH} × {@value #HEIGHT} pixels, drawn by XChart
 * without a display ({@code java.awt.headless} is set to true unless already set).
 *
 * <p>Every method takes plain Java values, creates the parent directories of {@code out} and writes
 * exactly {@code out}, replacing any file there. Non-finite values in the data (NaN, ±∞) are
 * skipped. A plot with nothing to draw (no series, or a series without a finite value) is rejected
 * with an IllegalArgumentException naming the plot and the series, before any file is touched.
 * Series are drawn in the map's iteration order, which is also the legend's: pass a
 * {@code LinkedHashMap} for a stable legend.
 */
public final class Plots {
  public static final int WIDTH = 800;
  public static final int HEIGHT = 600;

  /** Okabe &amp; Ito's colour-blind-safe palette, strongest contrasts on white first; cycles beyond eight series. */
  private static final List<Color> PALETTE = List.of(
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442));
  private static final Color REFERENCE = new Color(0x808080);
  private static final String REFERENCE_SERIES = "reference";

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {}

  /**
   * ROC curves, one line per score labelled with its AUROC ({@link RocCurve#area()}), over the
   * chance diagonal. Curves of more than 2000 points are thinned to about 2000, staying within 1/1000
   * of the axis range of every point.
   */
  public static void rocCurves(Path out, String title, Map<String, RocCurve> curves) throws IOException {
    String plot = "ROC plot \"" + title + "\"";
    requireSeries(plot, curves);
    XYChart chart = chart(title, "false-positive rate", "true-positive rate");
    unitSquare(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    diagonal(chart, "chance");
    int index = 0;
    for (Map.Entry<String, RocCurve> entry : curves.entrySet()) {
      XY points = SeriesData.rocPoints(entry.getValue().points());
      requirePoints(plot, entry.getKey(), points.size());
      line(chart, index++, rocLabel(entry.getKey(), entry.getValue()), points).setMarker(SeriesMarkers.NONE);
    }
    save(chart, out);
  }

  /**
   * Generalized risk against coverage (Traub et al. 2024), one line per score labelled with its
   * AUGRC: the area under each line, lower is better. Long curves are thinned as ROC curves are.
   */
  public static void riskCoverage(Path out, String title, Map<String, RiskCoverage> curves) throws IOException {
    String plot = "risk-coverage plot \"" + title + "\"";
    requireSeries(plot, curves);
    XYChart chart = chart(title, "coverage", "generalized risk");
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(0.0);
    styler.setXAxisMax(1.0);
    styler.setYAxisMin(0.0);
    styler.setXAxisDecimalPattern("0.0");
    styler.setYAxisDecimalPattern("0.###");
    styler.setLegendPosition(LegendPosition.InsideNW);
    int index = 0;
    for (Map.Entry<String, RiskCoverage> entry : curves.entrySet()) {
      XY points = SeriesData.riskPoints(entry.getValue().points());
      requirePoints(plot, entry.getKey(), points.size());
      String label = String.format(Locale.ROOT, "%s (AUGRC %.4f)", entry.getKey(), entry.getValue().augrc());
      line(chart, index++, label, points).setMarker(SeriesMarkers.NONE);
    }
    save(chart, out);
  }

  /** {@link #reliabilityDiagram(Path, String, Map, Map)} without ECEs in the legend. */
  public static void reliabilityDiagram(Path out, String title, Map<String, List<Bin>> bins) throws IOException {
    reliabilityDiagram(out, title, bins, Map.of());
  }

  /**
   * Reliability diagram: accuracy against mean confidence in each bin that holds predictions, one
   * line per score, over the diagonal of perfect calibration. Empty bins (count 0, NaN means) are
   * skipped. A score's legend shows its ECE when {@code ece} holds a finite value for it; an ECE for
   * a score without bins is rejected as a likely mistake.
   */
  public static void reliabilityDiagram(
      Path out, String title, Map<String, List<Bin>> bins, Map<String, Double> ece) throws IOException {
    String plot = "reliability diagram \"" + title + "\"";
    requireSeries(plot, bins);
    for (String name : ece.keySet()) {
      if (!bins.containsKey(name)) {
        throw new IllegalArgumentException(plot + ": ECE given for \"" + name + "\", which has no bins; scores are " + bins.keySet());
      }
    }
    XYChart chart = chart(title, "mean confidence", "accuracy");
    unitSquare(chart);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNW);
    diagonal(chart, "perfect calibration");
    int index = 0;
    for (Map.Entry<String, List<Bin>> entry : bins.entrySet()) {
      XY points = SeriesData.reliabilityPoints(entry.getValue());
      requirePoints(plot, entry.getKey(), points.size());
      line(chart, index++, reliabilityLabel(entry.getKey(), ece.get(entry.getKey())), points).setMarker(SeriesMarkers.CIRCLE);
    }
    save(chart, out);
  }

  /** One marker per (x[i], y[i]) pair, e.g. mutual information against task variance per node; pairs with a non-finite coordinate are skipped. */
  public static void scatter(Path out, String title, String xLabel, String yLabel, double[] x, double[] y) throws IOException {
    String plot = "scatter plot \"" + title + "\"";
    if (x.length != y.length) {
      throw new IllegalArgumentException(plot + ": x and y differ in length: " + x.length + " vs " + y.length);
    }
    XY points = SeriesData.finitePairs(x, y);
    if (points.size() == 0) {
      throw new IllegalArgumentException(plot + ": no pair with both coordinates finite among " + x.length);
    }
    XYChart chart = chart(title, xLabel, yLabel);
    chart.getStyler().setLegendVisible(false);
    XYSeries series = chart.addSeries("points", points.x(), points.y());
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.CIRCLE);
    series.setMarkerColor(colour(0));
    save(chart, out);
  }

  /**
   * Overlaid histograms over {@code bins} equal-width bins on [min, max], drawn as step outlines
   * with translucent fill. Heights are each series' share of its finite values, so series of
   * different sizes compare; values outside [min, max] are not drawn, and the legend gives each
   * series' count of finite values.
   */
  public static void histograms(Path out, String title, Map<String, double[]> values, int bins, double min, double max)
      throws IOException {
    String plot = "histogram \"" + title + "\"";
    requireSeries(plot, values);
    if (bins < 1) {
      throw new IllegalArgumentException(plot + ": bins must be at least 1, found " + bins);
    }
    if (!(min < max) || !Double.isFinite(max - min)) {
      throw new IllegalArgumentException(plot + ": range must be finite with min < max, found [" + min + ", " + max + "]");
    }
    XYChart chart = chart(title, "", "share of values");
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(min);
    styler.setXAxisMax(max);
    styler.setYAxisMin(0.0);
    styler.setYAxisDecimalPattern("0.###");
    styler.setLegendPosition(LegendPosition.InsideNE);
    int index = 0;
    for (Map.Entry<String, double[]> entry : values.entrySet()) {
      int finite = SeriesData.finiteCount(entry.getValue());
      requirePoints(plot, entry.getKey(), finite);
      XY outline = SeriesData.steps(SeriesData.shares(entry.getValue(), bins, min, max), min, max);
      String label = entry.getKey() + " (n = " + finite + ")";
      XYSeries series = line(chart, index, label, outline);
      series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
      series.setMarker(SeriesMarkers.NONE);
      series.setFillColor(translucent(colour(index)));
      index++;
    }
    save(chart, out);
  }

  /**
   * Fitted mixtures drawn over the values they were fitted to: per series the density histogram
   * (translucent fill) and the mixture's mean density in each of the same bins (a dashed step line
   * of the same colour), i.e. the two sides of {@link GoodnessOfFit}'s R², which the legend gives.
   * The series may cover different ranges.
   */
  public static void mixtureFits(Path out, String title, Map<String, GoodnessOfFit.Binned> fits) throws IOException {
    requireSeries("mixture plot \"" + title + "\"", fits);
    XYChart chart = chart(title, "hidden output", "density");
    XYStyler styler = chart.getStyler();
    styler.setXAxisDecimalPattern("0.###");
    styler.setYAxisMin(0.0);
    styler.setYAxisDecimalPattern("0.###");
    styler.setLegendPosition(LegendPosition.InsideNE);
    int index = 0;
    for (Map.Entry<String, GoodnessOfFit.Binned> entry : fits.entrySet()) {
      GoodnessOfFit.Binned fit = entry.getValue();
      XYSeries histogram = line(chart, 2 * index, String.format(Locale.ROOT, "%s, values (R^2 %.3f)", entry.getKey(), fit.rSquared()),
          SeriesData.steps(fit.empirical(), fit.min(), fit.max()));
      histogram.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
      histogram.setMarker(SeriesMarkers.NONE);
      histogram.setLineColor(colour(index));
      histogram.setFillColor(translucent(colour(index)));
      XYSeries mixture = line(chart, 2 * index + 1, entry.getKey() + ", mixture", SeriesData.steps(fit.fitted(), fit.min(), fit.max()));
      mixture.setMarker(SeriesMarkers.NONE);
      mixture.setLineColor(colour(index));
      mixture.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      index++;
    }
    save(chart, out);
  }

  static String rocLabel(String name, RocCurve curve) {
    return String.format(Locale.ROOT, "%s (AUROC %.3f)", name, curve.area());
  }

  /** The name alone when the ECE is absent or not finite. */
  static String reliabilityLabel(String name, Double ece) {
    return ece == null || !Double.isFinite(ece) ? name : String.format(Locale.ROOT, "%s (ECE %.3f)", name, ece);
  }

  static Color colour(int index) {
    return PALETTE.get(index % PALETTE.size());
  }

  private static void requireSeries(String plot, Map<String, ?> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException(plot + ": nothing to draw, no series given");
    }
  }

  private static void requirePoints(String plot, String series, int finitePoints) {
    if (finitePoints == 0) {
      throw new IllegalArgumentException(plot + ": \"" + series + "\" has no finite value to draw");
    }
  }

  private static XYChart chart(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder()
        .width(WIDTH).height(HEIGHT)
        .title(Objects.requireNonNull(title, "title"))
        .xAxisTitle(xLabel).yAxisTitle(yLabel)
        .build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesColor(new Color(0xE0E0E0));
    styler.setLegendBorderColor(new Color(0xC0C0C0));
    return chart;
  }

  private static void unitSquare(XYChart chart) {
    XYStyler styler = chart.getStyler();
    styler.setXAxisMin(0.0);
    styler.setXAxisMax(1.0);
    styler.setYAxisMin(0.0);
    styler.setYAxisMax(1.0);
    styler.setXAxisDecimalPattern("0.0");
    styler.setYAxisDecimalPattern("0.0");
  }

  /** A dashed grey line from (0, 0) to (1, 1). Series are keyed by index, so a score may be called anything. */
  private static void diagonal(XYChart chart, String label) {
    XYSeries series = chart.addSeries(REFERENCE_SERIES, new double[] {0, 1}, new double[] {0, 1});
    series.setLabel(label);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(REFERENCE);
    series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
  }

  private static XYSeries line(XYChart chart, int index, String label, XY points) {
    XYSeries series = chart.addSeries("series " + index, points.x(), points.y());
    series.setLabel(label);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    series.setLineColor(colour(index));
    series.setMarkerColor(colour(index));
    series.setLineWidth(2f);
    return series;
  }

  private static Color translucent(Color colour) {
    return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 64);
  }

  /** Writes exactly {@code out}: XChart's file-name overload would append ".png" to any other name. */
  private static void save(XYChart chart, Path out) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream stream = Files.newOutputStream(out)) {
      BitmapEncoder.saveBitmap(chart, stream, BitmapFormat.PNG);
    }
  }
}
