package io.penultimate.bundle;

import java.util.Arrays;

/**
 * The default confidence: the probability that the prediction is right AND the input looks like
 * the training data,
 *
 * <pre>primary = max softmax · min(1, p(h) / α)</pre>
 *
 * where p(h) = (#{reference ≤ density(h)} + 1) / (n + 1) is the empirical p-value of the hidden-layer
 * density score among the validation split's correct predictions. Inside the bulk of the training
 * distribution (p ≥ α) it ranks like softmax, which is hard to beat at spotting wrong predictions;
 * in the tail it falls with the density, which is what spots out-of-distribution inputs. The
 * density score is chosen on validation data only (see {@link BundleFitter}). The raw softmax is
 * used rather than its calibrated value because isotonic plateaus would tie, and so blur, the
 * ranking; the bundle's calibration maps the primary score itself to P(correct).
 */
public record PrimaryScore(ScoreName density, double alpha, double[] densityReference) {

  public PrimaryScore {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("primary alpha must be in (0, 1], found " + alpha);
    }
    if (density == ScoreName.PRIMARY || density == ScoreName.SOFTMAX) {
      throw new IllegalArgumentException("primary density must be a density score, found " + density.key());
    }
    if (densityReference.length == 0) {
      throw new IllegalArgumentException("primary density reference must hold at least one validation score");
    }
    densityReference = densityReference.clone();
    Arrays.sort(densityReference);
  }

  public double score(double maxSoftmax, double densityScore) {
    return maxSoftmax * Math.min(1, pValue(densityScore) / alpha);
  }

  /** Share of reference scores at or below this one, with one pseudo-observation so it is never 0. */
  double pValue(double densityScore) {
    int lo = 0;
    int hi = densityReference.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (densityReference[mid] <= densityScore) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (lo + 1.0) / (densityReference.length + 1.0);
  }
}
