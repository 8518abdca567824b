package io.penultimate.cli;

import io.penultimate.data.LabelOptions;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.SampleFiles;
import io.penultimate.experiment.InputCheck;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * {@code --model}, {@code --encoders} and {@code --data} of {@code demo} and {@code bench stream}:
 * the user's model, its bundle and data to replay, instead of the MNIST paper MLP those commands
 * train and fit themselves. All three or none.
 */
final class OwnModelOptions {
  @Option(names = "--model", paramLabel = "FILE", description = "Your own model, with --encoders and --data: " + ModelOptions.MODEL)
  Path model;

  @Option(names = "--encoders", paramLabel = "FILE", description = "The bundle 'penultimate fit' wrote for --model.")
  Path encoders;

  @Option(names = "--data", paramLabel = "DATA",
      description = "Your own labelled data, replayed as events (cycled through as often as needed): " + DataOptions.DATA + ".")
  Path data;

  @Option(names = "--label-column", paramLabel = "NAME",
      description = "The label column of CSV files (default: " + LabelOptions.DEFAULT_COLUMN + ").")
  String labelColumn;

  boolean given() {
    return model != null || encoders != null || data != null;
  }

  /** @throws UsageException naming what is missing when only some of the three are given, or --label-column alone */
  void requireComplete(String command) {
    if (given() && (model == null || encoders == null || data == null)) {
      throw new UsageException(command + " on your own model needs --model FILE, --encoders FILE and --data DATA together; missing "
          + String.join(", ", Stream.of(model == null ? "--model" : null, encoders == null ? "--encoders" : null,
              data == null ? "--data" : null).filter(Objects::nonNull).toList()));
    }
    if (!given() && labelColumn != null) {
      throw new UsageException("--label-column applies to --data (" + command + " on your own model)");
    }
  }

  /** How labels are read: the column, and index labels named as the bundle names its classes (as evaluate reads a test file). */
  LabelOptions labels(MonitorWiring wiring) {
    return LabelOptions.DEFAULT.withColumn(labelColumn == null ? LabelOptions.DEFAULT_COLUMN : labelColumn)
        .withDefaultClassNames(wiring.bundle().classNames());
  }

  /**
   * The data, checked against the model's input and the bundle's classes before anything is sent.
   *
   * @throws IllegalArgumentException naming the file and what does not fit
   */
  LabeledSamples read(MonitorWiring wiring) {
    LabeledSamples samples = SampleFiles.read(data, labels(wiring));
    InputCheck.requireInput(samples, wiring.model());
    InputCheck.requireClasses(samples, wiring.bundle().classNames());
    return samples;
  }
}
