package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.LabelOptions;
import io.penultimate.data.LabeledSamples;
import io.penultimate.data.SampleFiles;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.experiment.SmallModel;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LoadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input transform declared at {@code fit} is applied by the same code offline and online: a
 * bundle fitted with {@code --input-scale 1/255} on 0..255 values scores those values as a bundle
 * fitted without it scores the same values divided by 255 beforehand, in {@code evaluate},
 * {@code export} and the stream tasks {@link MonitorWiring} builds.
 */
class InputTransformEndToEndTest {
  private static final String SCALE = "0.00392156862745098";

  @TempDir static Path dir;
  private static Path model;
  private static Path scaledBundle;
  private static Path dividedBundle;

  @BeforeAll
  static void fitOnRawAndOnPreDividedValues() throws IOException {
    model = dir.resolve("model.zip");
    var split = SmallModel.split();
    SmallModel.write(split, model).close();
    for (String part : List.of("train", "validation", "test")) {
      LabeledSamples samples = switch (part) {
        case "train" -> split.train();
        case "validation" -> split.validation();
        default -> split.test();
      };
      csv(part + "-raw.csv", samples, k -> k);
      csv(part + "-divided.csv", samples, k -> k / 255.0);
    }
    csv("ood-raw.csv", SmallModel.ood(), k -> k);
    csv("ood-divided.csv", SmallModel.ood(), k -> k / 255.0);
    scaledBundle = dir.resolve("scaled.json");
    dividedBundle = dir.resolve("divided.json");
    assertSucceeds(CliRun.of("fit", "--model", model.toString(), "--train", file("train-raw.csv"), "--validation",
        file("validation-raw.csv"), "--input-scale", SCALE, "--out", scaledBundle.toString()));
    assertSucceeds(CliRun.of("fit", "--model", model.toString(), "--train", file("train-divided.csv"), "--validation",
        file("validation-divided.csv"), "--out", dividedBundle.toString()));
  }

  /** Every value quantised to k = round(255 v) in 0..255, written as {@code value(k)}. */
  private static void csv(String name, LabeledSamples samples, IntToDoubleFunction value) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < SmallModel.INPUT; j++) {
      text.append('f').append(j).append(',');
    }
    text.append("label\n");
    for (int i = 0; i < samples.size(); i++) {
      for (float v : samples.features()[i]) {
        text.append(value.applyAsDouble(Math.round(255 * Math.min(1, Math.max(0, v))))).append(',');
      }
      text.append(SmallModel.CLASSES.get(samples.labels()[i])).append('\n');
    }
    Files.writeString(dir.resolve(name), text);
  }

  private static String file(String name) {
    return dir.resolve(name).toString();
  }

  private static void assertSucceeds(CliRun run) {
    assertThat(run.code()).as(run.err()).isZero();
  }

  /** Every row's numeric cells: scores, logits and hidden values, without set, label or class names. */
  private static List<double[]> numbers(Path csv) throws IOException {
    return Files.readAllLines(csv).stream().skip(1)
        .map(line -> Arrays.stream(line.split(",", -1)).filter(cell -> cell.matches("-?(Infinity|NaN|[0-9.]+(E-?[0-9]+)?)"))
            .mapToDouble(Double::parseDouble).toArray())
        .toList();
  }

  private static void assertSameNumbers(Path actual, Path expected) throws IOException {
    List<double[]> a = numbers(actual);
    List<double[]> e = numbers(expected);
    assertThat(a).hasSameSizeAs(e).isNotEmpty();
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).as("row %d", i).hasSameSizeAs(e.get(i)).containsExactly(e.get(i), within(1e-6));
    }
  }

  @Test
  void fitRecordsTheTransformInTheBundle() throws IOException {
    assertThat(BundleJson.read(scaledBundle).inputTransform()).isEqualTo(new InputTransform(1 / 255.0, List.of(0.0), List.of(1.0)));
    assertThat(BundleJson.read(dividedBundle).inputTransform()).isEqualTo(InputTransform.IDENTITY);
  }

  @Test
  void evaluateScoresRawValuesWithAScaledBundleAsPreDividedValuesWithoutOne() throws IOException {
    Path scaled = dir.resolve("scaled-scores.csv");
    Path divided = dir.resolve("divided-scores.csv");

    assertSucceeds(CliRun.of("evaluate", "--model", model.toString(), "--encoders", scaledBundle.toString(), "--test",
        file("test-raw.csv"), "--ood", file("ood-raw.csv"), "--scores-csv", scaled.toString()));
    assertSucceeds(CliRun.of("evaluate", "--model", model.toString(), "--encoders", dividedBundle.toString(), "--test",
        file("test-divided.csv"), "--ood", file("ood-divided.csv"), "--scores-csv", divided.toString()));

    assertSameNumbers(scaled, divided);
  }

  @Test
  void evaluateOfRawValuesWithoutTheTransformScoresDifferently() throws IOException {
    Path raw = dir.resolve("raw-scores.csv");
    Path divided = dir.resolve("divided-scores-2.csv");

    assertSucceeds(CliRun.of("evaluate", "--model", model.toString(), "--encoders", dividedBundle.toString(), "--test",
        file("test-raw.csv"), "--ood", file("ood-raw.csv"), "--scores-csv", raw.toString()));
    assertSucceeds(CliRun.of("evaluate", "--model", model.toString(), "--encoders", dividedBundle.toString(), "--test",
        file("test-divided.csv"), "--ood", file("ood-divided.csv"), "--scores-csv", divided.toString()));

    assertThat(Files.readString(raw)).isNotEqualTo(Files.readString(divided));
  }

  @Test
  void exportWithTheSameFlagWritesWhatExportOfPreDividedValuesWrites() throws IOException {
    Path scaled = dir.resolve("scaled-export.csv");
    Path divided = dir.resolve("divided-export.csv");

    assertSucceeds(CliRun.of("export", "--model", model.toString(), "--data", file("test-raw.csv"), "--input-scale", SCALE,
        "--out", scaled.toString()));
    assertSucceeds(CliRun.of("export", "--model", model.toString(), "--data", file("test-divided.csv"), "--out", divided.toString()));

    assertSameNumbers(scaled, divided);
  }

  @Test
  void streamTasksReadTheHiddenVectorsEvaluateReadsForTheSameRawRows() throws IOException {
    LabeledSamples raw = SampleFiles.read(dir.resolve("test-raw.csv"), LabelOptions.DEFAULT.withClassNames(SmallModel.CLASSES));
    EncoderBundle bundle = BundleJson.read(scaledBundle);
    double[][] offline;
    double[][] untransformed;
    try (LoadedModel loaded = ModelFiles.open(model)) {
      offline = ProbedModel.forBundle(loaded, bundle).probe(raw).outputs().hidden();
      untransformed = loaded.probe(null).probe(raw.features()).hidden();
    }

    double[][] online;
    try (MonitorWiring wiring = MonitorWiring.load(model, scaledBundle)) {
      online = wiring.scoringModel().inferences().get().run(raw.features()).hidden();
    }

    assertThat(online).isDeepEqualTo(offline);
    assertThat(Arrays.deepEquals(online, untransformed)).as("the transform changes what the model reads").isFalse();
  }

  @Test
  void aMeanOfAnotherCountThanOneOrTheFeaturesIsAUsageErrorNamingTheCounts() {
    CliRun run = CliRun.of("fit", "--model", model.toString(), "--train", file("train-raw.csv"), "--input-mean", "1,2",
        "--out", dir.resolve("never.json").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).contains("--input-mean has 2 values, expected 1 or 20 (one per feature)").doesNotContain("\n");
    assertThat(dir.resolve("never.json")).doesNotExist();
  }

  @Test
  void aZeroStdIsAUsageErrorNamingTheValue() {
    CliRun run = CliRun.of("fit", "--model", model.toString(), "--train", file("train-raw.csv"), "--input-std", "0",
        "--out", dir.resolve("never.json").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).contains("--input-std must be finite and positive, found 0.0");
  }
}
