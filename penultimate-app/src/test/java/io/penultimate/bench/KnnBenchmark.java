package io.penultimate.bench;

import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnScore;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost per sample of the deep k-NN score (k = 50) against the number of stored training vectors,
 * the cap that {@link KnnFitter#DEFAULT_CAP} is chosen by, and the matrix product it runs on:
 * plain Java or BLAS through ND4J (the monitor's), for a batch of 64 samples (one product) and
 * for one sample alone. Vectors as in {@link ScoreBenchmark} ({@code data=relu}), or saturated like
 * a sigmoid layer ({@code data=saturated}: four patterns of values near 0 and 1, so that the k-th
 * neighbour is a near-duplicate and the k nearest are summed again from differences, as on the
 * paper MLP); 12,000 fitting samples subsampled to the cap.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 bench/jmh KnnBenchmark -f 1 -wi 3 -i 5} (one BLAS thread, as
 * the launcher gives the monitor)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KnnBenchmark {
  private static final int BATCH = 64;

  @Param({"32", "100", "512"})
  int dimension;

  @Param({"1000", "2000", "5000", "10000"})
  int cap;

  @Param({"plain", "blas"})
  String products;

  @Param({"relu", "saturated"})
  String data;

  private KnnScore knn;
  private double[][] inputs;
  private int next;

  @Setup
  public void fit() {
    knn = new KnnScore(
        new KnnFitter(KnnFitter.DEFAULT_K, cap, KnnFitter.DEFAULT_SEED).fit(vectors(12_000, 42)),
        products.equals("blas") ? BlasDotProducts.INSTANCE : PlainDotProducts.INSTANCE);
    inputs = vectors(BATCH, 43);
  }

  private double[][] vectors(int n, long seed) {
    if (data.equals("relu")) {
      return ScoreBenchmark.outputs(n, dimension, seed).hidden();
    }
    Random patterns = new Random(7);
    boolean[][] high = new boolean[4][dimension];
    for (boolean[] pattern : high) {
      for (int j = 0; j < dimension; j++) {
        pattern[j] = patterns.nextBoolean();
      }
    }
    Random random = new Random(seed);
    double[][] out = new double[n][dimension];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dimension; j++) {
        out[i][j] = (high[i % high.length][j] ? 0.99 : 0.01) + 0.01 * random.nextGaussian();
      }
    }
    return out;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double[] batchOf64() {
    return knn.scores(inputs);
  }

  @Benchmark
  public double alone() {
    next = (next + 1) % BATCH;
    return knn.score(inputs[next]);
  }
}
