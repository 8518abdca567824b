package io.penultimate.score;

/**
 * SIRC's soft gate on the feature score (Xia and Bouganis, ACCV 2022): 1 + exp(−b (S₂ − a)) grows
 * once S₂ falls below about a. Serialises as a plain record.
 *
 * @param a the centre of the gate, μ − 3σ of S₂ on the fitting data; finite
 * @param b its steepness, 1/σ; finite and > 0
 */
public record SircModel(double a, double b) {

  public SircModel {
    if (!Double.isFinite(a)) {
      throw new IllegalArgumentException("a must be finite, found " + a);
    }
    if (!(b > 0 && b <= Double.MAX_VALUE)) {
      throw new IllegalArgumentException("b must be finite and > 0, found " + b);
    }
  }
}
