package io.penultimate.measure;

import io.penultimate.math.GaussianMixture1D;
import java.util.function.ToDoubleFunction;

/**
 * Mutual information between one hidden node's encoded output h and the class label y, in nats
 * (natural logarithms; divide by ln 2 for bits). Paper eq. 1: I(h; y) = H(h) + H(y) − H(h, y),
 * equivalently H(h) − Σ_y p(y) H(h | y).
 */
public final class MutualInformation {
  private MutualInformation() {}

  /**
   * Exact I for a discrete encoding from a table of counts, rows = bins of h, columns = classes.
   * Evaluated as Σ_{b,c} p(b,c) log( p(b,c) / (p(b) p(c)) ), which equals H(h) + H(y) − H(h, y) but
   * does not subtract nearly equal entropies; empty cells contribute 0 (0·log 0 = 0), so an empty
   * bin or class is harmless.
   */
  public static double fromCounts(long[][] joint) {
    if (joint.length == 0 || joint[0].length == 0) {
      throw new IllegalArgumentException("joint table needs at least one row and one column, found " + joint.length + " rows");
    }
    double[] rowTotals = new double[joint.length];
    double[] columnTotals = new double[joint[0].length];
    double total = 0;
    for (int b = 0; b < joint.length; b++) {
      if (joint[b].length != columnTotals.length) {
        throw new IllegalArgumentException(
            "joint table must be rectangular, found row 0 of length " + columnTotals.length + " and row " + b + " of length " + joint[b].length);
      }
      for (int c = 0; c < columnTotals.length; c++) {
        if (joint[b][c] < 0) {
          throw new IllegalArgumentException("count [" + b + "][" + c + "] must not be negative, found " + joint[b][c]);
        }
        rowTotals[b] += joint[b][c];
        columnTotals[c] += joint[b][c];
        total += joint[b][c];
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException("joint table holds no counts");
    }
    double mi = 0;
    for (int b = 0; b < joint.length; b++) {
      for (int c = 0; c < columnTotals.length; c++) {
        double n = joint[b][c];
        if (n > 0) {
          mi += n / total * Math.log(n * total / (rowTotals[b] * columnTotals[c]));
        }
      }
    }
    return mi;
  }

  /** Exact I of paired observations: {@code bins[s]} in [0, numBins) is sample s's encoded h, {@code classes[s]} in [0, numClasses) its label. */
  public static double ofBins(int[] bins, int numBins, int[] classes, int numClasses) {
    if (bins.length != classes.length) {
      throw new IllegalArgumentException("bins and classes differ in length: " + bins.length + " vs " + classes.length);
    }
    if (numBins < 1 || numClasses < 1) {
      throw new IllegalArgumentException("need at least one bin and one class, found numBins=" + numBins + " numClasses=" + numClasses);
    }
    long[][] joint = new long[numBins][numClasses];
    for (int s = 0; s < bins.length; s++) {
      if (bins[s] < 0 || bins[s] >= numBins) {
        throw new IllegalArgumentException("bin of sample " + s + " must be in [0, " + numBins + "), found " + bins[s]);
      }
      if (classes[s] < 0 || classes[s] >= numClasses) {
        throw new IllegalArgumentException("class of sample " + s + " must be in [0, " + numClasses + "), found " + classes[s]);
      }
      joint[bins[s]][classes[s]]++;
    }
    return fromCounts(joint);
  }

  /**
   * I ≈ H(h) − Σ_y p(y) H(h | y) with every entropy replaced by the corrected eq. 2,
   * {@link MixtureEntropy#paperApproximation}, where p(h) = Σ_y p(y) p(h | y) is itself a mixture.
   * Both terms are upper bounds, so their difference is neither bound nor guaranteed ≥ 0; for two
   * single Gaussians a distance Δ apart with equal priors and common σ it is Δ² / (4σ²), which grows
   * without limit while the true value never exceeds ln 2.
   */
  public static double paperApproximation(GaussianMixture1D[] perClass, double[] classPrior) {
    return fromEntropies(perClass, classPrior, MixtureEntropy::paperApproximation);
  }

  /**
   * The same difference with every entropy replaced by the overlap lower bound,
   * {@link MixtureEntropy#overlapLowerBound}: 0 for identical classes and exact, H(y), for classes
   * whose components are far apart; in between an approximation.
   */
  public static double overlapApproximation(GaussianMixture1D[] perClass, double[] classPrior) {
    return fromEntropies(perClass, classPrior, MixtureEntropy::overlapLowerBound);
  }

  /** The same difference with every entropy integrated numerically, {@link MixtureEntropy#numerical}: the reference value. */
  public static double numerical(GaussianMixture1D[] perClass, double[] classPrior) {
    return fromEntropies(perClass, classPrior, MixtureEntropy::numerical);
  }

  private static double fromEntropies(
      GaussianMixture1D[] perClass, double[] classPrior, ToDoubleFunction<GaussianMixture1D> entropy) {
    double[] prior = normalisedPrior(perClass, classPrior);
    double conditional = 0;
    for (int y = 0; y < perClass.length; y++) {
      if (prior[y] > 0) {
        conditional += prior[y] * entropy.applyAsDouble(perClass[y]);
      }
    }
    return entropy.applyAsDouble(marginal(perClass, prior)) - conditional;
  }

  /** Checks p(y) ≥ 0, finite, summing to 1 within 1e-6, and rescales it to sum to 1 exactly. */
  private static double[] normalisedPrior(GaussianMixture1D[] perClass, double[] classPrior) {
    if (perClass.length == 0 || perClass.length != classPrior.length) {
      throw new IllegalArgumentException(
          "need one mixture and one prior per class, found " + perClass.length + " mixtures and " + classPrior.length + " priors");
    }
    double sum = 0;
    for (int y = 0; y < classPrior.length; y++) {
      if (!(classPrior[y] >= 0) || !Double.isFinite(classPrior[y])) {
        throw new IllegalArgumentException("prior of class " + y + " must be non-negative and finite, found " + classPrior[y]);
      }
      if (perClass[y] == null) {
        throw new IllegalArgumentException("mixture of class " + y + " is missing");
      }
      sum += classPrior[y];
    }
    if (Math.abs(sum - 1) > 1e-6) {
      throw new IllegalArgumentException("class priors must sum to 1, found " + sum);
    }
    double[] prior = new double[classPrior.length];
    for (int y = 0; y < prior.length; y++) {
      prior[y] = classPrior[y] / sum;
    }
    return prior;
  }

  /** p(h) = Σ_y p(y) Σ_k w_yk N(μ_yk, σ_yk²): every class component, weighted by its prior; classes with prior 0 drop out. */
  private static GaussianMixture1D marginal(GaussianMixture1D[] perClass, double[] prior) {
    int size = 0;
    for (int y = 0; y < perClass.length; y++) {
      size += prior[y] > 0 ? perClass[y].components() : 0;
    }
    double[] weights = new double[size];
    double[] means = new double[size];
    double[] variances = new double[size];
    double total = 0;
    int k = 0;
    for (int y = 0; y < perClass.length; y++) {
      if (prior[y] == 0) {
        continue;
      }
      for (int c = 0; c < perClass[y].components(); c++) {
        weights[k] = prior[y] * perClass[y].weights()[c];
        means[k] = perClass[y].means()[c];
        variances[k] = perClass[y].variances()[c];
        total += weights[k++];
      }
    }
    // Class weights may each be off 1 by the mixture's tolerance; rescale so the pooled ones sum to 1.
    for (int j = 0; j < size; j++) {
      weights[j] /= total;
    }
    return new GaussianMixture1D(weights, means, variances);
  }
}
