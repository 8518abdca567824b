package io.penultimate.cli;

import io.penultimate.data.LabeledSamples;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LoadedModel;
import java.util.List;
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
   * The transform for the inputs of {@code model}: one value per channel is allowed when the model
   * reads channels-first images (C×H×W), whatever the data file's own shape (a flat CSV row of such
   * an image holds its channels one after the other, as the model reads them).
   *
   * @param samples the data the transform is applied to, named in the message when it does not fit
   * @throws UsageException naming a value that is not finite, a zero std, or counts that do not fit
   */
  InputTransform resolve(LoadedModel model, LabeledSamples samples) {
    try {
      InputTransform transform =
          new InputTransform(scale == null ? 1 : scale, mean == null ? List.of(0.0) : mean, std == null ? List.of(1.0) : std);
      transform.requireFits(model.inputSize(), model.inputChannels());
      return transform;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage().replace("input scale", "--input-scale").replace("input mean", "--input-mean")
          .replace("input std", "--input-std") + " (the model reads inputs of shape " + model.inputShape() + layout(model)
          + "; " + samples.source() + " has shape " + samples.inputShape() + ")");
    }
  }

  private static String layout(LoadedModel model) {
    if (model.inputShape().size() < 3) {
      return "";
    }
    return model.inputChannels().isPresent() ? ", channels first" : ", channels last: per-channel values need channels first";
  }
}
