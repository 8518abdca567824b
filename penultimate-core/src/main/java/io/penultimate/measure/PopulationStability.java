package io.penultimate.measure;

/**
 * Population stability index of observed bin counts against expected bin shares:
 * PSI = Σ (a_i − e_i) ln(a_i / e_i). Observed shares are smoothed with half a count per bin so an
 * empty bin gives a large but finite value; by the usual reading, below 0.1 is stable, 0.1-0.25 a
 * moderate shift and above 0.25 a large one.
 */
public final class PopulationStability {
  private static final double SMOOTHING = 0.5;
  private static final double MIN_EXPECTED = 1e-6;

  private PopulationStability() {}

  /** NaN when nothing was observed: no drift can be measured from no data. */
  public static double index(double[] expectedShares, int[] counts) {
    if (expectedShares.length != counts.length) {
      throw new IllegalArgumentException("expected " + expectedShares.length + " bins, found " + counts.length + " counts");
    }
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double psi = 0;
    double denominator = total + SMOOTHING * counts.length;
    for (int i = 0; i < counts.length; i++) {
      double actual = (counts[i] + SMOOTHING) / denominator;
      double expected = Math.max(expectedShares[i], MIN_EXPECTED);
      psi += (actual - expected) * Math.log(actual / expected);
    }
    return psi;
  }
}
