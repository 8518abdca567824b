package io.penultimate.encoder;

/**
 * Settings of the 1-D Gaussian mixture fits (EM on a binned summary, see {@link HistogramEm}).
 *
 * @param components number of Gaussian components k (3 per class, 10 pooled, as in the paper)
 * @param histogramBins B: EM runs on B equal-width bins over [min, max] of each slot's values
 *     (default 1024)
 * @param maxIterations EM stops after this many iterations (default 500)
 * @param tolerance EM stops once the mean log-likelihood per sample changes by less (default 1e-6)
 * @param absoluteVarianceFloor lower bound on a component's variance, which keeps the density of a
 *     constant node or a spike of identical values finite (default 1e-6)
 * @param relativeVarianceFloor lower bound as a fraction of the slot's overall variance; the floor
 *     used is max(absolute, relative × Var) (default 1e-4, a standard deviation of 1% of the
 *     slot's)
 */
public record MixtureSettings(
    int components,
    int histogramBins,
    int maxIterations,
    double tolerance,
    double absoluteVarianceFloor,
    double relativeVarianceFloor) {

  public static final int PER_CLASS_COMPONENTS = 3;
  public static final int POOLED_COMPONENTS = 10;
  public static final int DEFAULT_HISTOGRAM_BINS = 1024;
  public static final int DEFAULT_MAX_ITERATIONS = 500;
  public static final double DEFAULT_TOLERANCE = 1e-6;
  public static final double DEFAULT_ABSOLUTE_VARIANCE_FLOOR = 1e-6;
  public static final double DEFAULT_RELATIVE_VARIANCE_FLOOR = 1e-4;

  public MixtureSettings {
    new Problems()
        .require(components >= 1, "components must be at least 1, found " + components)
        .require(histogramBins >= 1, "histogramBins must be at least 1, found " + histogramBins)
        .require(maxIterations >= 1, "maxIterations must be at least 1, found " + maxIterations)
        .require(tolerance > 0 && Double.isFinite(tolerance), "tolerance must be positive and finite, found " + tolerance)
        .require(absoluteVarianceFloor > 0 && Double.isFinite(absoluteVarianceFloor),
            "absoluteVarianceFloor must be positive and finite, found " + absoluteVarianceFloor)
        .require(relativeVarianceFloor >= 0 && relativeVarianceFloor < 1,
            "relativeVarianceFloor must lie in [0, 1), found " + relativeVarianceFloor)
        .throwIfAny("mixture settings");
  }

  /** Defaults with k components. */
  public static MixtureSettings withComponents(int components) {
    return new MixtureSettings(components, DEFAULT_HISTOGRAM_BINS, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE,
        DEFAULT_ABSOLUTE_VARIANCE_FLOOR, DEFAULT_RELATIVE_VARIANCE_FLOOR);
  }
}
