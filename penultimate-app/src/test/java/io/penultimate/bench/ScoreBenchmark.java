package io.penultimate.bench;

import io.penultimate.score.ClassGaussianFitter;
import io.penultimate.score.ClassGaussianScore;
import io.penultimate.score.DoctorScore;
import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnScore;
import io.penultimate.score.MahalanobisFitter;
import io.penultimate.score.MahalanobisModel;
import io.penultimate.score.MahalanobisScore;
import io.penultimate.score.NormalisedMahalanobisScore;
import io.penultimate.score.RelativeMahalanobisFitter;
import io.penultimate.score.RelativeMahalanobisScore;
import io.penultimate.score.SircFitter;
import io.penultimate.score.SircScore;
import io.penultimate.score.SoftmaxScores;
import io.penultimate.score.VimFitter;
import io.penultimate.score.VimScore;
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
 * Cost of scoring one event with the baselines, 10 classes. Models are fitted in setup on seeded
 * ReLU-like activations of 2·d·10 samples with logits W h + b of a fixed random head (so ViM
 * recovers it); the timed work is one score of one of 64 stored events. The k-NN score uses the
 * default cap and k (see {@code KnnBenchmark} for other caps); {@code relativeMahalanobis} is the
 * whole score, two triangular products, while the bundle reuses the Mahalanobis product and pays
 * one.
 *
 * <p>Run: {@code bench/jmh ScoreBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScoreBenchmark {
  static final int CLASSES = 10;
  private static final int INPUTS = 64;

  @Param({"32", "100", "512"})
  int dimension;

  private MahalanobisScore mahalanobis;
  private ClassGaussianScore classGaussian;
  private RelativeMahalanobisScore relativeMahalanobis;
  private NormalisedMahalanobisScore mahalanobisNormalised;
  private KnnScore knn;
  private VimScore vim;
  private SircScore sirc;
  private double[][] inputs;
  private double[][] inputLogits;
  private int next;

  /** Hidden vectors and their logits under a fixed random linear head. */
  record Outputs(double[][] hidden, double[][] logits, int[] labels) {}

  static Outputs outputs(int n, int dimension, long seed) {
    Random head = new Random(7);
    double[][] w = new double[CLASSES][dimension];
    for (double[] row : w) {
      for (int j = 0; j < dimension; j++) {
        row[j] = head.nextGaussian() / Math.sqrt(dimension);
      }
    }
    Random random = new Random(seed);
    double[][] hidden = new double[n][dimension];
    double[][] logits = new double[n][CLASSES];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % CLASSES;
      for (int j = 0; j < dimension; j++) {
        // each class pushes a different subset of nodes up
        double centre = (j + labels[i]) % 3 == 0 ? 2 : -0.5;
        hidden[i][j] = Math.max(0, centre + random.nextGaussian());
      }
      for (int c = 0; c < CLASSES; c++) {
        double sum = 0.1 * c;
        for (int j = 0; j < dimension; j++) {
          sum += w[c][j] * hidden[i][j];
        }
        logits[i][c] = sum;
      }
    }
    return new Outputs(hidden, logits, labels);
  }

  @Setup
  public void fit() {
    int n = 2 * dimension * CLASSES;
    Outputs train = outputs(n, dimension, 42);
    MahalanobisModel classes = new MahalanobisFitter().fit(train.hidden(), train.labels(), CLASSES);
    mahalanobis = new MahalanobisScore(classes);
    classGaussian = new ClassGaussianScore(new ClassGaussianFitter().fit(train.hidden(), train.labels(), CLASSES));
    relativeMahalanobis = new RelativeMahalanobisScore(classes, new RelativeMahalanobisFitter().fit(train.hidden()));
    mahalanobisNormalised = new NormalisedMahalanobisScore(
        new MahalanobisFitter().fit(NormalisedMahalanobisScore.unitRows(train.hidden()), train.labels(), CLASSES));
    knn = new KnnScore(new KnnFitter().fit(train.hidden()));
    vim = new VimScore(new VimFitter().fit(train.hidden(), train.logits()));
    double[] residuals = new double[n];
    for (int i = 0; i < n; i++) {
      residuals[i] = -vim.residualNorm(train.hidden()[i]);
    }
    sirc = new SircScore(new SircFitter().fit(residuals));
    Outputs events = outputs(INPUTS, dimension, 43);
    inputs = events.hidden();
    inputLogits = events.logits();
  }

  private int nextIndex() {
    next = (next + 1) % INPUTS;
    return next;
  }

  private double[] nextInput() {
    return inputs[nextIndex()];
  }

  @Benchmark
  public double mahalanobisScore() {
    return mahalanobis.score(nextInput());
  }

  @Benchmark
  public double classGaussianScore() {
    return classGaussian.score(nextInput(), next % CLASSES);
  }

  @Benchmark
  public double maxLogitScore() {
    return SoftmaxScores.maxLogit(inputLogits[nextIndex()]);
  }

  @Benchmark
  public double doctorScore() {
    return DoctorScore.score(inputLogits[nextIndex()]);
  }

  @Benchmark
  public double relativeMahalanobisScore() {
    return relativeMahalanobis.score(nextInput());
  }

  @Benchmark
  public double mahalanobisNormalisedScore() {
    return mahalanobisNormalised.score(nextInput());
  }

  @Benchmark
  public double knnScore() {
    return knn.score(nextInput());
  }

  @Benchmark
  public double vimScore() {
    int i = nextIndex();
    return vim.score(inputs[i], inputLogits[i]);
  }

  /** SIRC alone, given ViM's residual norm (which the bundle computes once for both). */
  @Benchmark
  public double sircScore() {
    int i = nextIndex();
    return sirc.score(inputLogits[i], -vim.residualNorm(inputs[i]));
  }
}
