package io.penultimate.bench;

import io.penultimate.dl4j.ForwardCost;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.model.ModelOutputs;
import io.penultimate.onnx.OnnxModel;
import io.penultimate.onnx.OnnxSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Inference cost per image of the convolutional recipe ({@code vgg-small} on 3×32×32 CIFAR
 * images), beside the paper MLP on 784-value rows measured in the same process as the baseline:
 * one probe call per batch, hidden layer and logits returned as a stream task gets them. DL4J runs
 * both recipes with weights from seed 1 (the cost does not depend on their values); {@code
 * vgg-small-onnx} is the same network trained by {@code examples/pytorch/train_vgg_small.py} and
 * run by ONNX Runtime (one intra-op thread, serve's default), read from {@code onnxModel}. Setup
 * prints each network's multiply-adds per input ({@link ForwardCost} of the DL4J recipe, which the
 * ONNX export has layer for layer).
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 bench/jmh ImageNetworkBenchmark -f 2 -wi 2 -i 3 -w 2s -r 4s}; ND4J
 * uses every core unless {@code OMP_NUM_THREADS} says otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ImageNetworkBenchmark {
  private static final int CLASSES = 10;
  /** Distinct batches cycled through, so that no call reads the rows the previous one did. */
  private static final int BATCHES = 2;

  @Param({"paper-mlp", "vgg-small", "vgg-small-onnx"})
  String arch;

  /** The exported vgg-small that {@code vgg-small-onnx} runs. */
  @Param("runs/torch/vgg-small-seed1.onnx")
  String onnxModel;

  private Function<float[][], ModelOutputs> probe;
  private AutoCloseable session;
  private float[][][] one;
  private float[][][] twoHundredFiftySix;
  private int next;

  @Setup
  public void load() throws IOException {
    String recipe = arch.replace("-onnx", "");
    List<Integer> shape = recipe.equals("vgg-small") ? List.of(3, 32, 32) : List.of(784);
    int size = shape.stream().reduce(1, (a, b) -> a * b);
    MultiLayerNetwork network = ModelRecipe.byId(recipe).initialised(shape, CLASSES, 1);
    if (arch.endsWith("-onnx")) {
      OnnxModel onnx = OnnxModel.open(Path.of(onnxModel), OnnxSettings.DEFAULT);
      probe = onnx::probe;
      session = onnx;
    } else {
      probe = HiddenProbe.of(network, null)::probe;
    }
    Random random = new Random(42);
    one = batches(1, size, random);
    twoHundredFiftySix = batches(256, size, random);
    System.out.printf("%s: %,d multiply-adds per input, hidden layer of width %d%n", arch, ForwardCost.of(network).multiplyAdds(),
        probe.apply(new float[1][size]).hidden()[0].length);
  }

  @TearDown
  public void close() throws Exception {
    if (session != null) {
      session.close();
    }
  }

  /** Pixels uniform in [0, 1]: the cost of a dense product does not depend on the values. */
  private static float[][][] batches(int batch, int size, Random random) {
    float[][][] batches = new float[BATCHES][batch][size];
    for (float[][] rows : batches) {
      for (float[] row : rows) {
        for (int j = 0; j < size; j++) {
          row[j] = random.nextFloat();
        }
      }
    }
    return batches;
  }

  private float[][] nextOf(float[][][] batches) {
    next = (next + 1) % BATCHES;
    return batches[next];
  }

  @Benchmark
  @OperationsPerInvocation(1)
  public ModelOutputs batchOf1() {
    return probe.apply(nextOf(one));
  }

  @Benchmark
  @OperationsPerInvocation(256)
  public ModelOutputs batchOf256() {
    return probe.apply(nextOf(twoHundredFiftySix));
  }
}
