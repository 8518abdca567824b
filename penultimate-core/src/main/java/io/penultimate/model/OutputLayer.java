package io.penultimate.model;

/**
 * The output layer f(h) = W h + b that reads the last hidden layer: {@code weights[class][node]}
 * and {@code bias[class]}.
 */
public record OutputLayer(double[][] weights, double[] bias) {

  public OutputLayer {
    if (weights.length != bias.length) {
      throw new IllegalArgumentException(
          "output layer needs one weight row per class, found " + weights.length + " rows and " + bias.length + " biases");
    }
  }

  public int numClasses() {
    return bias.length;
  }

  public int width() {
    return weights.length == 0 ? 0 : weights[0].length;
  }
}
