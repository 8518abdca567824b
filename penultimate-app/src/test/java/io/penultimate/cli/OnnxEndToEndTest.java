package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.onnx.OnnxModelFile;
import io.penultimate.onnx.OnnxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit, evaluate and export on the ONNX MLP fixture of penultimate-onnx (8 features → 16 ReLU → 12
 * sigmoid → 3 logits; tests run from the repository root), with CSV files written here: seeded
 * Gaussian rows labelled with the model's own prediction, a fifth of them relabelled at random so
 * that some predictions are wrong; the OOD file has no label column and lies far off.
 */
class OnnxEndToEndTest {
  static final String FIXTURES = "penultimate-onnx/src/test/resources/onnx/";
  static final Path MLP = Path.of(FIXTURES + "mlp.onnx");
  /** The penultimate tensor of mlp.onnx: the input of its final Gemm. */
  private static final String PENULTIMATE = "/act2/Sigmoid_output_0";
  private static final int FEATURES = 8;

  @TempDir static Path dir;
  private static Path train;
  private static Path test;
  private static Path ood;
  private static Path bundle;
  private static CliRun fit;

  @BeforeAll
  static void fitsABundleOnTheOnnxModel() throws IOException {
    try (OnnxModelFile model = OnnxModelFile.open(MLP, OnnxSettings.DEFAULT)) {
      train = csv(model, dir.resolve("train.csv"), 600, 1, true, 0);
      test = csv(model, dir.resolve("test.csv"), 300, 2, true, 0);
      ood = csv(model, dir.resolve("ood.csv"), 100, 3, false, 8);
    }
    bundle = dir.resolve("encoders.json");
    fit = CliRun.of("fit", "--model", MLP.toString(), "--train", train.toString(), "--validation-share", "0.2",
        "--out", bundle.toString());
  }

  /** The bundle {@code fit} writes into {@code dir} from 600 labelled rows of the MLP fixture (seed 1), the fit checked to succeed. */
  static Path fittedBundle(Path dir) throws IOException {
    Path train;
    try (OnnxModelFile model = OnnxModelFile.open(MLP, OnnxSettings.DEFAULT)) {
      train = csv(model, dir.resolve("train.csv"), 600, 1, true, 0);
    }
    Path bundle = dir.resolve("encoders.json");
    CliRun fit = CliRun.of("fit", "--model", MLP.toString(), "--train", train.toString(), "--out", bundle.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
    return bundle;
  }

  /**
   * {@code n} rows of 8 features ~ N(shift, 1.5), labelled (indices 0..2) with the model's prediction,
   * except a random label on one row in five.
   */
  static Path csv(OnnxModelFile model, Path file, int n, long seed, boolean labelled, double shift) throws IOException {
    Random random = new Random(seed);
    float[][] rows = new float[n][FEATURES];
    for (float[] row : rows) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = (float) (shift + 1.5 * random.nextGaussian());
      }
    }
    int[] predicted = model.probe(null).probe(rows).predicted();
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < FEATURES; j++) {
      text.append('f').append(j).append(',');
    }
    text.append(labelled ? "label" : "").append('\n');
    for (int i = 0; i < n; i++) {
      for (float value : rows[i]) {
        text.append(String.format(Locale.ROOT, "%.5f", value)).append(',');
      }
      if (labelled) {
        text.append(random.nextInt(5) == 0 ? random.nextInt(3) : predicted[i]);
      }
      text.append('\n');
    }
    String csv = labelled ? text.toString() : text.toString().replace(",\n", "\n");
    return Files.writeString(file, csv);
  }

  @Test
  void fitRecordsTheOnnxTensorReadAndTheModelsHash() throws Exception {
    assertThat(fit.code()).as(fit.err()).isZero();
    assertThat(fit.out()).contains("fitted 12 nodes x 3 classes");
    EncoderBundle fitted = BundleJson.read(bundle);
    assertThat(fitted.provenance().hiddenLayer()).isEqualTo(PENULTIMATE);
    assertThat(fitted.provenance().modelSha256()).isEqualTo(sha256(MLP));
    assertThat(fitted.provenance().arch()).isEqualTo("onnx");
    assertThat(fitted.classNames()).containsExactly("0", "1", "2");
  }

  @Test
  void evaluatesTheBundleOnATestFileAgainstAnOodFile() {
    CliRun result = CliRun.of("evaluate", "--model", MLP.toString(), "--encoders", bundle.toString(), "--test", test.toString(),
        "--ood", ood.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("Table 3.");
  }

  @Test
  void evaluatesATestFileWithoutOodDataMeasuringMisclassificationOnlyAndSaysTheOodMetricsWereSkipped() throws IOException {
    Path json = dir.resolve("no-ood.json");
    Path scores = dir.resolve("no-ood-scores.csv");
    Path plots = dir.resolve("no-ood-plots");

    CliRun result = CliRun.of("evaluate", "--model", MLP.toString(), "--encoders", bundle.toString(), "--test", test.toString(),
        "--json", json.toString(), "--scores-csv", scores.toString(), "--plots", plots.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("no OOD set: OOD metrics skipped (give --ood DATA for them)");
    var report = BundleJson.MAPPER.readTree(json.toFile());
    // these labels are wrong at random (see csv), so the AUROCs are near 0.5 but measured
    assertThat(report.get("auroc").get("primary").isNumber()).isTrue();
    assertThat(report.get("ece").get("primary").isNumber()).isTrue();
    for (String field : List.of("oodDataset", "oodAuroc", "oodFpr95", "oodDetectionRate", "primaryAlphaOodAuroc")) {
      assertThat(report.get(field).isObject() && report.get(field).isEmpty()).as(field + " is {}").isTrue();
    }
    assertThat(Files.readAllLines(scores)).hasSize(301).allSatisfy(line -> assertThat(line).doesNotStartWith("ood,"));
    assertThat(plots.resolve("roc-misclassification.png")).exists();
    assertThat(plots.resolve("roc-ood.png")).doesNotExist();
    // ONNX Runtime exposes no weights: the output layer is recovered from the outputs, so Table 2 has its bias column
    assertThat(report.get("nodes")).hasSize(12)
        .allSatisfy(node -> assertThat(Double.isFinite(node.get("bias").asDouble()) && node.get("bias").isNumber()).isTrue());
    assertThat(report.get("pearson").get("mi_bias").isNumber()).isTrue();
  }

  @Test
  void fitsAndEvaluatesAnotherTensorNamedByHiddenLayer() throws IOException {
    Path first = dir.resolve("first-layer.json");

    CliRun fitted = CliRun.of("fit", "--model", MLP.toString(), "--train", train.toString(), "--hidden-layer", "/act1/Relu_output_0",
        "--out", first.toString());
    CliRun evaluated = CliRun.of("evaluate", "--model", MLP.toString(), "--encoders", first.toString(), "--test", test.toString(),
        "--ood", ood.toString());

    assertThat(fitted.code()).as(fitted.err()).isZero();
    assertThat(BundleJson.read(first).provenance().hiddenLayer()).isEqualTo("/act1/Relu_output_0");
    assertThat(BundleJson.read(first).width()).isEqualTo(16);
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
  }

  @Test
  void evaluateRefusesABundleFittedOnAnotherModelInOneLine() throws IOException {
    // the same layer name, width and classes as mlp.onnx: only the hash tells them apart
    Path other = Path.of(FIXTURES + "mlp-matmul.onnx");

    CliRun result = CliRun.of("evaluate", "--model", other.toString(), "--encoders", bundle.toString(), "--test", test.toString(),
        "--ood", ood.toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("the bundle was fitted on model " + sha256(MLP).substring(0, 12)
        + ", this model is " + sha256(other).substring(0, 12)).contains("refit with 'penultimate fit'");
  }

  @Test
  void exportsLogitsAndThePenultimateTensorPerRow() throws IOException {
    Path csv = dir.resolve("export.csv");

    CliRun result = CliRun.of("export", "--model", MLP.toString(), "--data", test.toString(), "--out", csv.toString());

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("label,predicted,logit_0,logit_1,logit_2," + hidden(12));
    assertThat(lines).hasSize(301);
  }

  @Test
  void aModelOfAnUnknownFormatIsAUsageErrorInOneLine() {
    CliRun result = CliRun.of("fit", "--model", "model.h5", "--train", train.toString(), "--out", dir.resolve("x.json").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("penultimate: --model model.h5 has an unknown format, expected .onnx (ONNX)"
        + " or .zip (a model file from 'penultimate train')" + System.lineSeparator());
  }

  private static String hidden(int width) {
    StringBuilder names = new StringBuilder();
    for (int j = 0; j < width; j++) {
      names.append(j == 0 ? "" : ",").append("h_").append(j);
    }
    return names.toString();
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
