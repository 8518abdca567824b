package io.penultimate.bench;

import io.penultimate.score.ClassGaussianFitter;
import io.penultimate.score.ClassGaussianScore;
import io.penultimate.score.MahalanobisFitter;
import io.penultimate.score.MahalanobisScore;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of scoring one hidden vector with the Gaussian baselines, 10 classes. Models are fitted in
 * setup on seeded sigmoid-like activations; the timed work is the triangular whitening product.
 *
 * <p>Run: {@code bench/jmh ScoreBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoreBenchmark {
  private static final int CLASSES = 10;
  private static final int INPUTS = 64;

  @Param({"32", "512"})
  int dimension;

  private MahalanobisScore mahalanobis;
  private ClassGaussianScore classGaussian;
  private double[][] inputs;
  private int next;

  @Setup
  public void fit() {
    Random random = new Random(42);
    int n = 2 * dimension * CLASSES;
    double[][] hidden = new double[n][dimension];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
      for (int j = 0; j < dimension; j++) {
        // each class pushes a different subset of nodes towards 1
        double centre = (j + labels[i]) % 3 == 0 ? 2 : -2;
        hidden[i][j] = 1 / (1 + Math.exp(-(centre + random.nextGaussian())));
      }
    }
    mahalanobis = new MahalanobisScore(new MahalanobisFitter().fit(hidden, labels, CLASSES));
    classGaussian = new ClassGaussianScore(new ClassGaussianFitter().fit(hidden, labels, CLASSES));
    inputs = new double[INPUTS][];
    for (int k = 0; k < INPUTS; k++) {
      inputs[k] = hidden[random.nextInt(n)];
    }
  }

  private double[] nextInput() {
    next = (next + 1) % INPUTS;
    return inputs[next];
  }

  @Benchmark
  public double mahalanobisScore() {
    return mahalanobis.score(nextInput());
  }

  @Benchmark
  public double classGaussianScore() {
    return classGaussian.score(nextInput(), next % CLASSES);
  }
}
