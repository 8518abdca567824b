package io.penultimate.bundle;

import java.util.List;

/**
 * The three answers every scored event carries, each for its own job and judged by its own
 * metric: {@code confidence}, a calibrated P(correct) for spotting wrong predictions;
 * {@code oodPValue} and its flag for spotting out-of-distribution inputs at a known false-alarm
 * rate; {@code trust}, for accepting a prediction at all when some traffic is out of distribution.
 * No single score does all three (Narasimhan et al., ICLR 2024; the measurements in README).
 */
public record Answers(CalibratedConfidence confidence, OodPValue oodPValue, TrustScore trust, ConfidenceChoice confidenceChoice) {

  /**
   * How the confidence was chosen: each candidate feature set's misclassification AUROC on the
   * validation half it was not fitted on, and the chosen set's ECE there under each calibration
   * (σ of the linear predictor, and an isotonic map of it; the lower one is kept).
   */
  public record ConfidenceChoice(
      List<List<ScoreName>> candidates, double[] heldOutAuroc, int chosen, double plattEce, double isotonicEce) {
    public ConfidenceChoice {
      candidates = candidates.stream().map(List::copyOf).toList();
      heldOutAuroc = heldOutAuroc.clone();
      if (candidates.size() != heldOutAuroc.length || chosen < 0 || chosen >= candidates.size()) {
        throw new IllegalArgumentException("the confidence choice needs one AUROC per candidate and a chosen candidate among them, found "
            + candidates.size() + " candidates, " + heldOutAuroc.length + " AUROCs and choice " + chosen);
      }
    }

    @Override
    public double[] heldOutAuroc() {
      return heldOutAuroc.clone();
    }
  }

  /** The answers for one event. */
  public record Answer(double confidence, double oodPValue, double logOodPValue, boolean ood, double trust) {}

  public Answers {
    if (confidence == null || oodPValue == null || trust == null || confidenceChoice == null) {
      throw new IllegalArgumentException("the answers need their confidence, OOD p-value and trust models (refit with 'penultimate fit')");
    }
  }

  /**
   * @param softmaxLogOdds the max softmax as log-odds
   * @param scores every score of the sample, indexed by {@link ScoreName#ordinal()}
   */
  public Answer answer(double softmaxLogOdds, double[] scores) {
    double c = confidence.confidence(softmaxLogOdds, scores);
    double logP = oodPValue.logPValue(scores);
    return new Answer(c, Math.exp(logP), logP, oodPValue.isOutOfDistribution(logP), trust.trust(c, logP));
  }

  /** The same answers with the trust fitted for another OOD share. */
  public Answers withOodShare(double share) {
    return new Answers(confidence, oodPValue, trust.withOodShare(share), confidenceChoice);
  }
}
