package io.penultimate.bench;

import io.penultimate.model.Inference;
import io.penultimate.model.ModelOutputs;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's yardstick for the inference benchmark: the matrix multiplies of a dense network's
 * shapes in OpenBLAS sgemm (through {@code Nd4j.gemm}, one thread with {@code OMP_NUM_THREADS=1})
 * and nothing else: no bias, no activation, so its outputs are not the network's. Each call writes
 * the batch into a native buffer through NIO (as {@code HiddenProbe} does: {@code Nd4j.create} of a
 * {@code float[][]} copies element by element), multiplies layer by layer into buffers kept per
 * batch size, and copies the last two products out in bulk, as {@link Inference} returns them.
 */
final class GemmDenseNetwork implements Inference {
  private final List<INDArray> weights = new ArrayList<>();
  /** Buffers for the batch size last seen: the input, then one per layer. */
  private INDArray input;
  private final List<INDArray> products = new ArrayList<>();
  private int batchSize;

  GemmDenseNetwork(MultiLayerNetwork network) {
    for (int k = 0; k < network.getnLayers(); k++) {
      weights.add(network.getLayer(k).getParam("W").dup('c'));
    }
  }

  @Override
  public ModelOutputs run(float[][] batch) {
    if (batch.length != batchSize) {
      input = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch.length, weights.get(0).rows()}, 'c');
      products.clear();
      for (INDArray w : weights) {
        products.add(Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch.length, w.columns()}, 'c'));
      }
      batchSize = batch.length;
    }
    FloatBuffer buffer = input.data().asNioFloat();
    for (float[] row : batch) {
      buffer.put(row);
    }
    INDArray in = input;
    for (int k = 0; k < weights.size(); k++) {
      Nd4j.gemm(in, weights.get(k), products.get(k), false, false, 1.0, 0.0);
      in = products.get(k);
    }
    int last = weights.size() - 1;
    return new ModelOutputs(copyOut(products.get(last - 1)), copyOut(products.get(last)));
  }

  private static double[][] copyOut(INDArray matrix) {
    int rows = Math.toIntExact(matrix.rows());
    int columns = Math.toIntExact(matrix.columns());
    float[] flat = new float[rows * columns];
    matrix.data().asNioFloat().get(flat);
    double[][] out = new double[rows][columns];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < columns; j++) {
        out[r][j] = flat[r * columns + j];
      }
    }
    return out;
  }
}
