package io.penultimate.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The preprocessing a model's inputs go through before the network, declared once at {@code fit},
 * recorded in the bundle and applied by {@link #around(Probe)} wherever the model runs (fit,
 * evaluate, export, the stream tasks), so offline and online scores read the same hidden vectors.
 *
 * <p>For a row x of n values and L = |mean| (or |std|) values, feature i belongs to block
 * k = ⌊i / (n / L)⌋ and becomes
 *
 * <pre>  x'_i = (x_i · scale − mean_k) / std_k</pre>
 *
 * (torchvision's {@code Normalize} after {@code ToTensor}'s scale). L = 1 applies one value to
 * every feature, L = n one per feature, and L = C one per channel of a C×H×W input stored channels
 * first, whose channel k is the k-th block of H·W values. Computed in double, rounded to float.
 *
 * @param scale multiplies every raw value first (1/255 for 0..255 pixels); finite, not 0
 * @param mean subtracted after scaling: 1 value, or one per block; finite
 * @param std divides last: as many values as {@code mean} or 1; finite and positive
 */
public record InputTransform(double scale, List<Double> mean, List<Double> std) {

  /** Raw inputs, as read: x' = x. */
  public static final InputTransform IDENTITY = new InputTransform(1, List.of(0.0), List.of(1.0));

  public InputTransform {
    if (!Double.isFinite(scale) || scale == 0) {
      throw new IllegalArgumentException("input scale must be finite and not 0, found " + scale);
    }
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    if (mean.isEmpty() || std.isEmpty()) {
      throw new IllegalArgumentException("input mean and std need at least one value each, found " + mean.size() + " and " + std.size());
    }
    for (double m : mean) {
      if (!Double.isFinite(m)) {
        throw new IllegalArgumentException("input mean must be finite, found " + m);
      }
    }
    for (double s : std) {
      if (!Double.isFinite(s) || s <= 0) {
        throw new IllegalArgumentException("input std must be finite and positive, found " + s);
      }
    }
  }

  public boolean isIdentity() {
    return equals(IDENTITY);
  }

  /**
   * Checks the value counts against an input of {@code inputSize} values and, when it is a
   * C×H×W image, {@code channels} = C: each count must be 1, C or the input size.
   *
   * @throws IllegalArgumentException naming the counts found and allowed
   */
  public void requireFits(int inputSize, OptionalInt channels) {
    for (var named : List.of(new Named("mean", mean), new Named("std", std))) {
      int count = named.values().size();
      if (count != 1 && count != inputSize && !(channels.isPresent() && count == channels.getAsInt())) {
        throw new IllegalArgumentException("input " + named.name() + " has " + count + " values, expected 1"
            + (channels.isPresent() ? ", " + channels.getAsInt() + " (one per channel)" : "") + " or " + inputSize + " (one per feature)");
      }
    }
  }

  private record Named(String name, List<Double> values) {}

  /** A transformed copy of the batch; the caller's rows are left as they are. */
  public float[][] apply(float[][] batch) {
    float[][] out = new float[batch.length][];
    for (int r = 0; r < batch.length; r++) {
      float[] row = batch[r];
      int meanBlock = blockSize(row.length, mean.size());
      int stdBlock = blockSize(row.length, std.size());
      float[] transformed = new float[row.length];
      for (int i = 0; i < row.length; i++) {
        transformed[i] = (float) ((row[i] * scale - mean.get(i / meanBlock)) / std.get(i / stdBlock));
      }
      out[r] = transformed;
    }
    return out;
  }

  private static int blockSize(int n, int values) {
    if (n % values != 0) {
      throw new IllegalArgumentException("input transform has " + values + " values, which do not divide a row of " + n);
    }
    return n / values;
  }

  /** Runs {@code inference} on transformed batches. */
  public Inference around(Inference inference) {
    return batch -> inference.run(apply(batch));
  }

  /**
   * A probe that transforms every batch before the model, on the caller's thread and in every
   * stream task; the probe itself when this is the identity.
   */
  public Probe around(Probe probe) {
    if (isIdentity()) {
      return probe;
    }
    InputTransform transform = this;
    return new Probe() {
      @Override
      public String layer() {
        return probe.layer();
      }

      @Override
      public int width() {
        return probe.width();
      }

      @Override
      public Optional<OutputLayer> outputLayer() {
        return probe.outputLayer();
      }

      @Override
      public Supplier<Inference> perTask() {
        Supplier<Inference> tasks = probe.perTask();
        return () -> transform.around(tasks.get());
      }

      @Override
      public ModelOutputs probe(float[][] rows) {
        return probe.probe(transform.apply(rows));
      }
    };
  }
}
