package io.penultimate.bench;

import java.util.List;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.model.Inference;
import io.penultimate.model.ModelOutputs;
import io.penultimate.onnx.OnnxModel;
import io.penultimate.onnx.OnnxSettings;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Inference cost per event of the paper MLP (784 → 256 ReLU → 32 sigmoid → 10) in each runtime,
 * as a stream task pays it: one call of the task's {@link Inference} on a batch of flat rows,
 * returning the hidden layer and the logits as the scorer reads them (the copies across JNI
 * included). DL4J runs the network {@code paper-mlp} builds, initialised from seed 1, through
 * {@link HiddenProbe}; ONNX Runtime runs the same weights written as an ONNX graph
 * ({@link DenseNetworkOnnx}) through {@link OnnxModel}, one intra-op thread as {@code serve} runs
 * it. Two yardsticks: the same network in plain single-threaded Java loops ({@link
 * PlainDenseNetwork}), and {@code gemm}, the matrix multiplies of the same shapes in OpenBLAS sgemm
 * and nothing else ({@link GemmDenseNetwork}: what one core of this machine reaches on them). Setup
 * checks that the runtimes and the loops give the same logits. Run with {@code OMP_NUM_THREADS=1}, as
 * {@code ./penultimate} runs the stream commands, so that ND4J computes on one core too.
 *
 * <p>Floating-point operations per event, 2 · Σ nIn · nOut over the three dense layers: 2 · (784 ·
 * 256 + 256 · 32 + 32 · 10) = 418,432 for both (printed by setup). The DL4J probe also computes the
 * output layer's softmax and then the logits again from its weights (h · W + b, 640 more).
 *
 * <p>Each method times one batch and reports per event ({@link OperationsPerInvocation}).
 * Run: {@code OMP_NUM_THREADS=1 bench/jmh InferenceBenchmark -f 5 -wi 5 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InferenceBenchmark {
  private static final int INPUT = 784;
  private static final int CLASSES = 10;
  /** Distinct batches cycled through, so that no call reads the rows the previous one did. */
  private static final int BATCHES = 4;

  @Param({"dl4j", "onnx", "java-loops", "gemm"})
  String runtime;

  private Inference inference;
  private OnnxModel onnx;
  private float[][][] one;
  private float[][][] thirtyTwo;
  private float[][][] twoHundredFiftySix;
  private int next;

  @Setup
  public void load() {
    MultiLayerNetwork network = ModelRecipe.byId("paper-mlp").initialised(List.of(INPUT), CLASSES, 1);
    onnx = OnnxModel.of(DenseNetworkOnnx.export(network), OnnxSettings.DEFAULT);
    HiddenProbe dl4j = HiddenProbe.of(network, null);
    Random random = new Random(42);
    one = batches(1, random);
    thirtyTwo = batches(32, random);
    twoHundredFiftySix = batches(256, random);
    PlainDenseNetwork loops = new PlainDenseNetwork(network);
    requireSameLogits(dl4j.probe(thirtyTwo[0]), onnx.run(thirtyTwo[0]));
    requireSameLogits(dl4j.probe(thirtyTwo[0]), loops.run(thirtyTwo[0]));
    inference = switch (runtime) {
      case "onnx" -> onnx;
      case "java-loops" -> loops;
      case "gemm" -> new GemmDenseNetwork(network);
      default -> dl4j::probe;
    };
    System.out.printf("%s: paper-mlp, %d FLOPs per event%n", runtime, DenseNetworkOnnx.flopsPerRow(network));
  }

  @TearDown
  public void close() {
    onnx.close();
  }

  /** MNIST-like rows: about 80% zero pixels, the rest multiples of 1/255. */
  private static float[][][] batches(int size, Random random) {
    float[][][] batches = new float[BATCHES][size][INPUT];
    for (float[][] batch : batches) {
      for (float[] row : batch) {
        for (int j = 0; j < INPUT; j++) {
          row[j] = random.nextDouble() < 0.8 ? 0 : random.nextInt(256) / 255f;
        }
      }
    }
    return batches;
  }

  /** Every runtime must compute the same function as DL4J, or the comparison means nothing. */
  private static void requireSameLogits(ModelOutputs dl4j, ModelOutputs other) {
    for (int i = 0; i < dl4j.logits().length; i++) {
      for (int c = 0; c < CLASSES; c++) {
        if (Math.abs(dl4j.logits()[i][c] - other.logits()[i][c]) > 1e-4) {
          throw new IllegalStateException("row " + i + ", class " + c + ": DL4J logit " + dl4j.logits()[i][c] + ", the other's "
              + other.logits()[i][c]);
        }
      }
    }
  }

  private float[][] nextOf(float[][][] batches) {
    next = (next + 1) % BATCHES;
    return batches[next];
  }

  @Benchmark
  @OperationsPerInvocation(1)
  public ModelOutputs batchOf1() {
    return inference.run(nextOf(one));
  }

  @Benchmark
  @OperationsPerInvocation(32)
  public ModelOutputs batchOf32() {
    return inference.run(nextOf(thirtyTwo));
  }

  @Benchmark
  @OperationsPerInvocation(256)
  public ModelOutputs batchOf256() {
    return inference.run(nextOf(twoHundredFiftySix));
  }
}
