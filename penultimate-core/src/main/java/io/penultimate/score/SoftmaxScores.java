package io.penultimate.score;

/**
 * The softmax baseline (Hendrycks and Gimpel 2017, "A Baseline for Detecting Misclassified and
 * Out-of-Distribution Examples"): confidence = max_i softmax(logits)_i; and the max logit beside it.
 *
 * <p>Logits must be non-empty and finite (IllegalArgumentException otherwise, rather than a clamp:
 * a NaN logit means the model is broken and a silent clamp would hide it). Every output is then
 * finite, however large the logits.
 */
public final class SoftmaxScores {
  private SoftmaxScores() {}

  /**
   * p_i = exp(x_i − m) / Σ_j exp(x_j − m) with m = max_j x_j: the same value as exp(x_i) / Σ_j
   * exp(x_j), but no term exceeds 1, so large logits cannot overflow.
   */
  public static double[] softmax(double[] logits) {
    double max = max(logits);
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  public static double[][] softmax(double[][] batch) {
    double[][] out = new double[batch.length][];
    for (int r = 0; r < batch.length; r++) {
      out[r] = softmax(batch[r]);
    }
    return out;
  }

  /** max_i p_i = exp(0) / Σ_j exp(x_j − m) = 1 / Σ_j exp(x_j − m), in (0, 1]. */
  public static double maxSoftmax(double[] logits) {
    double max = max(logits);
    double sum = 0;
    for (double x : logits) {
      sum += Math.exp(x - max);
    }
    return 1 / sum;
  }

  /**
   * log(p_max / (1 − p_max)) = z_max − log Σ_{j ≠ argmax} exp(z_j): the max softmax on the log-odds
   * scale, computed from the logits so that it stays finite and distinct where p_max rounds to 1.
   */
  public static double maxLogOdds(double[] logits) {
    int top = predicted(logits);
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < logits.length; j++) {
      if (j != top) {
        max = Math.max(max, logits[j]);
      }
    }
    double sum = 0;
    for (int j = 0; j < logits.length; j++) {
      if (j != top) {
        sum += Math.exp(logits[j] - max);
      }
    }
    return logits[top] - (max + Math.log(sum));
  }

  /**
   * MaxLogit (Hendrycks et al. 2022, "Scaling Out-of-Distribution Detection for Real-World
   * Settings", ICML): confidence = max_i x_i, the largest logit itself. Unlike the max
   * softmax it is not normalised by the other logits, so a large logit vector (an input the
   * network knows well) scores higher than a small one with the same shape.
   */
  public static double maxLogit(double[] logits) {
    return max(logits);
  }

  public static double[] maxSoftmax(double[][] batch) {
    double[] out = new double[batch.length];
    for (int r = 0; r < batch.length; r++) {
      out[r] = maxSoftmax(batch[r]);
    }
    return out;
  }

  /** argmax_i logits_i; on ties the lowest index, so the choice is deterministic. */
  public static int predicted(double[] logits) {
    Checks.requireLogits(logits);
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  public static int[] predicted(double[][] batch) {
    int[] out = new int[batch.length];
    for (int r = 0; r < batch.length; r++) {
      out[r] = predicted(batch[r]);
    }
    return out;
  }

  /** Validates the logits and returns their maximum. */
  static double max(double[] logits) {
    Checks.requireLogits(logits);
    double max = logits[0];
    for (double x : logits) {
      max = Math.max(max, x);
    }
    return max;
  }
}
