package io.penultimate.bench;

import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnScore;
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
 * Cost of one deep k-NN score (k = 50) against the number of stored training vectors, the cap that
 * {@link KnnFitter#DEFAULT_CAP} is chosen by: the search is a pass over cap × d stored floats.
 * Vectors as in {@link ScoreBenchmark}, 12,000 fitting samples subsampled to the cap.
 *
 * <p>Run: {@code bench/jmh KnnBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KnnBenchmark {
  private static final int INPUTS = 64;

  @Param({"32", "100", "512"})
  int dimension;

  @Param({"1000", "2000", "5000", "10000"})
  int cap;

  private KnnScore knn;
  private double[][] inputs;
  private int next;

  @Setup
  public void fit() {
    knn = new KnnScore(new KnnFitter(KnnFitter.DEFAULT_K, cap, KnnFitter.DEFAULT_SEED)
        .fit(ScoreBenchmark.outputs(12_000, dimension, 42).hidden()));
    inputs = ScoreBenchmark.outputs(INPUTS, dimension, 43).hidden();
  }

  @Benchmark
  public double knnScore() {
    next = (next + 1) % INPUTS;
    return knn.score(inputs[next]);
  }
}
