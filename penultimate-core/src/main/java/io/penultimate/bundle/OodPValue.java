package io.penultimate.bundle;

import java.util.List;

/**
 * The out-of-distribution answer: a conformal p-value of "this input is in-distribution" and the
 * flag {@code p < α}, whose false-alarm rate on in-distribution inputs is at most α by
 * construction.
 *
 * <p>Several detectors are combined without looking at any out-of-distribution data. Each
 * detector's score gets a conformal p-value against one half of the in-distribution validation
 * split ({@code references}); their logs are summed, as in Fisher's method, into one statistic
 * T = Σ_j log p_j, larger for more typical inputs; and T gets a conformal p-value against the
 * other half ({@code combined}). The detectors' p-values are not independent, so T is not
 * χ²-distributed; the second, conformal step is what makes the final p-value valid whatever
 * their dependence (Bates et al. 2023 combine conformal p-values the same way).
 *
 * @param detectors the scores combined, in the order of {@code references}
 * @param references each detector's conformal p-value, calibrated on the first half
 * @param combined the conformal p-value of the Fisher statistic, calibrated on the second half
 * @param alpha the flag's level, in (0, 1)
 */
public record OodPValue(List<ScoreName> detectors, List<ConformalPValue> references, ConformalPValue combined, double alpha) {

  public OodPValue {
    detectors = List.copyOf(detectors);
    references = List.copyOf(references);
    if (detectors.isEmpty() || detectors.size() != references.size()) {
      throw new IllegalArgumentException(
          "the OOD p-value needs one reference per detector and at least one, found " + detectors.size() + " detectors and "
              + references.size() + " references");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("the OOD level alpha must be in (0, 1), found " + alpha);
    }
  }

  /** The Fisher statistic Σ_j log p_j of one sample's scores, indexed by {@link ScoreName#ordinal()}. */
  public double statistic(double[] scores) {
    double sum = 0;
    for (int j = 0; j < detectors.size(); j++) {
      sum += references.get(j).logPValue(scores[detectors.get(j).ordinal()]);
    }
    return sum;
  }

  /** log of the p-value: ranks far out-of-distribution inputs whose p-value rounds to 0. */
  public double logPValue(double[] scores) {
    return combined.logPValue(statistic(scores));
  }

  public boolean isOutOfDistribution(double logPValue) {
    return logPValue < Math.log(alpha);
  }
}
