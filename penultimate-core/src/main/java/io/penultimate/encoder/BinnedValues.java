package io.penultimate.encoder;

/**
 * Values summarised in equal-width bins over [min, max], keeping only the non-empty bins, in
 * increasing order, each with its exact count, mean and scatter Σ(x − mean)². Bin j of B covers
 * [min + j·w, min + (j+1)·w) with w = (max − min)/B, the last bin also holding max; constant
 * values make one bin.
 */
record BinnedValues(double[] counts, double[] means, double[] scatters) {

  static BinnedValues of(double[] values, int bins) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : values) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double scale = max > min ? bins / (max - min) : 0;
    int[] binOf = new int[values.length];
    double[] counts = new double[bins];
    double[] sums = new double[bins]; // of x − min, so that a constant bin's mean is exact
    for (int n = 0; n < values.length; n++) {
      binOf[n] = Math.min(bins - 1, (int) ((values[n] - min) * scale));
      counts[binOf[n]]++;
      sums[binOf[n]] += values[n] - min;
    }
    double[] scatters = new double[bins];
    for (int n = 0; n < values.length; n++) {
      double d = values[n] - min - sums[binOf[n]] / counts[binOf[n]];
      scatters[binOf[n]] += d * d;
    }
    int used = 0;
    for (double c : counts) {
      used += c > 0 ? 1 : 0;
    }
    BinnedValues out = new BinnedValues(new double[used], new double[used], new double[used]);
    for (int j = 0, k = 0; j < bins; j++) {
      if (counts[j] > 0) {
        out.counts[k] = counts[j];
        out.means[k] = min + sums[j] / counts[j];
        out.scatters[k++] = scatters[j];
      }
    }
    return out;
  }

  /** The same summary of (x − center) / scale. */
  BinnedValues standardized(double center, double scale) {
    double[] z = new double[means.length];
    double[] s = new double[means.length];
    for (int k = 0; k < means.length; k++) {
      z[k] = (means[k] - center) / scale;
      s[k] = scatters[k] / (scale * scale);
    }
    return new BinnedValues(counts, z, s);
  }

  int size() {
    return counts.length;
  }
}
