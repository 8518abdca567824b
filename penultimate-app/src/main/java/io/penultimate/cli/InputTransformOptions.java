package io.penultimate.cli;

import io.penultimate.data.LabeledSamples;
import io.penultimate.model.InputTransform;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * The preprocessing {@code fit} records in the bundle and {@code export} applies, as flags:
 * x' = (x · scale − mean) / std (see {@link InputTransform}). {@code evaluate} and {@code serve}
 * take it from the bundle instead.
 */
final class InputTransformOptions {
  @Option(names = "--input-scale", paramLabel = "S",
      description = "Multiplies every input value before the model, first (e.g. 0.00392156862745098 = 1/255 for 0..255 pixels; default: 1).")
  Double scale;

  @Option(names = "--input-mean", split = ",", paramLabel = "M",
      description = "Subtracted from every scaled input value: one value, one per channel of a C×H×W input, or one per feature (default: 0).")
  List<Double> mean;

  @Option(names = "--input-std", split = ",", paramLabel = "S",
      description = "Divides every scaled, centred input value: one value, one per channel of a C×H×W input, or one per feature (default: 1).")
  List<Double> std;

  /**
   * The transform for inputs shaped as {@code samples}: a C×H×W shape allows one value per channel.
   *
   * @throws UsageException naming a value that is not finite, a zero std, or counts that do not fit
   */
  InputTransform resolve(LabeledSamples samples) {
    try {
      InputTransform transform =
          new InputTransform(scale == null ? 1 : scale, mean == null ? List.of(0.0) : mean, std == null ? List.of(1.0) : std);
      List<Integer> shape = samples.inputShape();
      transform.requireFits(samples.inputSize(), shape.size() == 3 ? OptionalInt.of(shape.get(0)) : OptionalInt.empty());
      return transform;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage().replace("input scale", "--input-scale").replace("input mean", "--input-mean")
          .replace("input std", "--input-std") + " (" + samples.source() + " has shape " + samples.inputShape() + ")");
    }
  }
}
