package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fit, evaluate and export on the ONNX CNN fixture of penultimate-onnx (1×8×8 image → 3×3 conv, 4
 * maps, ReLU → 2×2 max-pool → 16 ReLU → 3 logits; tests run from the repository root), with folders
 * of 8×8 grayscale PNGs written here as examples/pytorch/make_fixtures.py draws its training images:
 * a horizontal bar (class 0), a vertical bar (1) or a diagonal (2) at a random offset, plus
 * N(0, 0.3) noise. The folders are named so that sorted they are in the model's class order.
 */
class OnnxImageEndToEndTest {
  private static final Path CNN = Path.of(OnnxEndToEndTest.FIXTURES + "cnn.onnx");
  /** The penultimate tensor of cnn.onnx, the second ReLU's output (cnn.json's "penultimate"). */
  private static final String PENULTIMATE = "/act2/Relu_output_0";
  private static final List<String> CLASSES = List.of("0-horizontal", "1-vertical", "2-diagonal");
  private static final int SIDE = 8;
  private static final int PER_CLASS = 60;
  /** Every MISLABELLED-th image of a class lies in the next class's folder, so that some predictions are wrong. */
  private static final int MISLABELLED = 8;
  /**
   * The model was trained on raw values, not 0..1: a bar of +1 over N(0, 0.3) noise, so about
   * −1..2. A pixel p stores x as p = 255 (x + 1) / 3, clamped to 0..255, and fit reads it back as
   * x = p · 3/255 − 1 with --input-scale 3/255 --input-mean 1.
   */
  private static final String[] INPUT = {"--input-scale", "0.011764705882352941", "--input-mean", "1"};

  @TempDir static Path dir;
  private static Path train;
  private static Path test;
  private static Path ood;
  private static Path bundle;
  private static CliRun fit;

  @BeforeAll
  static void fitsABundleOnTheCnn() throws IOException {
    train = classFolders(dir.resolve("train"), 1, MISLABELLED);
    test = classFolders(dir.resolve("test"), 2, MISLABELLED);
    ood = noiseFolder(dir.resolve("ood"), 3);
    bundle = dir.resolve("encoders.json");
    // 36 validation images: a calibration half of 18 supports an OOD flag at 0.1, not at the default 0.05
    fit = CliRun.of(args("fit", "--model", CNN.toString(), "--train", train.toString(), "--validation-share", "0.2",
        "--ood-alpha", "0.1", "--out", bundle.toString()));
  }

  @Test
  void fitReadsTheCnnsPenultimateTensorAndNamesTheClassesAfterTheFolders() throws IOException {
    assertThat(fit.code()).as(fit.err()).isZero();
    assertThat(fit.out()).contains("fitted 16 nodes x 3 classes");
    EncoderBundle fitted = BundleJson.read(bundle);
    assertThat(fitted.provenance().hiddenLayer()).isEqualTo(PENULTIMATE);
    assertThat(fitted.provenance().modelSha256()).isEqualTo(OnnxEndToEndTest.sha256(CNN));
    assertThat(fitted.classNames()).containsExactlyElementsOf(CLASSES);
  }

  @Test
  void evaluateReportsThatTheCnnClassifiesItsOwnKindOfImagesAndTellsNoiseFromThem() {
    CliRun result = evaluate(test);

    assertThat(result.code()).as(result.err()).isZero();
    // measured 0.878 (158 of 180): the 21 images filed under another class cap it at 0.883; on images
    // filed as drawn the CNN gets 179 of 180 right (see the next test)
    assertThat(reported(result.out(), "test accuracy")).isGreaterThanOrEqualTo(0.8);
    // columns: paper, misclassification, vs softmax, OOD AUROC (measured 1.000), FPR@95TPR
    assertThat(tableRow(result.out(), "primary")[3]).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void evaluateStopsInOneLineWhenTheTestImagesHoldFewerThanTwoWrongPredictions() throws IOException {
    // none filed under another class: the CNN gets all but one of these right
    Path clean = classFolders(dir.resolve("clean-test"), 4, Integer.MAX_VALUE);

    CliRun result = evaluate(clean);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("the test data has 179 correct and 1 wrong predictions;")
        .contains("need at least 2 of each");
  }

  @Test
  void fitStopsInOneLineWhenTheValidationImagesHoldFewerThanTwoWrongPredictions() throws IOException {
    Path clean = classFolders(dir.resolve("clean-train"), 5, Integer.MAX_VALUE);

    CliRun result = CliRun.of(args("fit", "--model", CNN.toString(), "--train", clean.toString(), "--out",
        dir.resolve("clean.json").toString()));

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains("the validation split (" + clean + ") has 35 correct and 1 wrong predictions;")
        .contains("fit needs at least 2 of each")
        .contains("cut off more of --train as validation (--validation-share, now 0.2), or give --validation DATA with inputs the model gets wrong");
  }

  @Test
  void fitsEvaluatesAndServesAGraphEndingInAConvolutionThroughTheTensorTheHiddenLayerOptionNames() throws IOException {
    // cnn-conv-head.onnx: conv, ReLU, max-pool, then a 4x4 convolution and a Flatten compute the logits; no Gemm or MatMul
    Path head = Path.of(OnnxEndToEndTest.FIXTURES + "cnn-conv-head.onnx");
    Path headBundle = dir.resolve("conv-head.json");

    CliRun automatic = CliRun.of(args("fit", "--model", head.toString(), "--train", train.toString(), "--out", headBundle.toString()));
    CliRun named = CliRun.of(args("fit", "--model", head.toString(), "--hidden-layer", "/pool/MaxPool_output_0", "--train",
        train.toString(), "--out", headBundle.toString()));
    CliRun evaluated = CliRun.of("evaluate", "--model", head.toString(), "--encoders", headBundle.toString(), "--test", test.toString(),
        "--ood", ood.toString());

    assertThat(automatic.code()).isEqualTo(1);
    assertThat(automatic.err()).hasLineCount(1).startsWith("penultimate: " + head + ": the logits 'logits' are computed by Flatten")
        .contains("name the hidden layer with --hidden-layer, one of [/act1/Relu_output_0, /pool/MaxPool_output_0]");
    assertThat(named.code()).as(named.err()).isZero();
    assertThat(named.out()).contains("fitted 64 nodes x 3 classes");
    assertThat(BundleJson.read(headBundle).provenance().hiddenLayer()).isEqualTo("/pool/MaxPool_output_0");
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    assertThat(reported(evaluated.out(), "test accuracy")).isGreaterThanOrEqualTo(0.8);
    try (MonitorWiring wiring = MonitorWiring.load(head, headBundle)) {
      assertThat(wiring.scoringModel().inferences().get().run(new float[2][SIDE * SIDE]).hidden()[0]).hasSize(64);
    }
  }

  @Test
  void exportWritesOneRowPerImageWithSixteenHiddenValues() throws IOException {
    Path csv = dir.resolve("export.csv");

    CliRun result = CliRun.of(args("export", "--model", CNN.toString(), "--data", test.toString(), "--out", csv.toString()));

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).startsWith("label,predicted,logit_0,logit_1,logit_2,h_0,").endsWith(",h_15");
    assertThat(lines).hasSize(1 + CLASSES.size() * PER_CLASS);
    List<String[]> rows = lines.subList(1, lines.size()).stream().map(line -> line.split(",")).toList();
    assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(5 + 16));
    // the share of rows whose label is the prediction: the accuracy evaluate reports on the same images
    double accuracy = rows.stream().filter(row -> row[0].equals(row[1])).count() / (double) rows.size();
    assertThat(accuracy).isCloseTo(reported(evaluate(test).out(), "test accuracy"), org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void fitStopsAtAnImageOfAnotherSizeNamingItAndTheSizeExpected() throws IOException {
    Path mixed = classFolders(dir.resolve("mixed"), 6, MISLABELLED);
    Path nine = png(new float[9][9], mixed.resolve(CLASSES.get(2)).resolve("9x9.png"));

    CliRun result = fitOn(mixed);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains(nine + " is 9x9 with 1 channel, expected 8x8 with 1 channel like ");
  }

  @Test
  void fitStopsAtAFolderOfImagesOfAnotherSizeNamingItAndTheModelsInputSize() throws IOException {
    Path nines = dir.resolve("nines");
    for (String name : CLASSES) {
      for (int i = 0; i < 10; i++) {
        png(new float[9][9], Files.createDirectories(nines.resolve(name)).resolve(i + ".png"));
      }
    }

    CliRun result = fitOn(nines);

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).contains(nines + ": its samples have 81 values (shape [1, 9, 9]), but the model reads 64 per input");
  }

  private static CliRun fitOn(Path images) {
    return CliRun.of(args("fit", "--model", CNN.toString(), "--train", images.toString(), "--out",
        dir.resolve("refused.json").toString()));
  }

  private static CliRun evaluate(Path images) {
    return CliRun.of("evaluate", "--model", CNN.toString(), "--encoders", bundle.toString(), "--test", images.toString(),
        "--ood", ood.toString());
  }

  /** The "ours" column of a Table 1 row. */
  private static double reported(String report, String measure) {
    Matcher row = Pattern.compile("(?m)^  " + Pattern.quote(measure) + " +\\S+ +(\\S+)$").matcher(report);
    assertThat(row.find()).as(measure + " in " + report).isTrue();
    return Double.parseDouble(row.group(1));
  }

  /** The numbers of a Table 3 row, "-" (no paper value) as NaN. */
  private static double[] tableRow(String report, String score) {
    Matcher row = Pattern.compile("(?m)^  " + Pattern.quote(score) + " +(.+)$").matcher(report.substring(report.indexOf("Table 3.")));
    assertThat(row.find()).as(score + " in " + report).isTrue();
    return java.util.Arrays.stream(row.group(1).trim().split(" +")).mapToDouble(v -> v.equals("-") ? Double.NaN : Double.parseDouble(v))
        .toArray();
  }

  private static String[] args(String... args) {
    String[] all = new String[args.length + INPUT.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(INPUT, 0, all, args.length, INPUT.length);
    return all;
  }

  /**
   * {@link #PER_CLASS} images per class, drawn as make_fixtures.py's {@code images} draws them; one
   * in {@code mislabelled} is filed under the next class.
   */
  private static Path classFolders(Path root, long seed, int mislabelled) throws IOException {
    Random random = new Random(seed);
    for (int label = 0; label < CLASSES.size(); label++) {
      for (int i = 0; i < PER_CLASS; i++) {
        int filed = i % mislabelled == mislabelled - 1 ? (label + 1) % CLASSES.size() : label;
        Path folder = Files.createDirectories(root.resolve(CLASSES.get(filed)));
        float[][] x = noise(random, 0.3);
        int k = 1 + random.nextInt(SIDE - 2);
        for (int a = 0; a < SIDE; a++) {
          switch (label) {
            case 0 -> x[k][a] += 1;
            case 1 -> x[a][k] += 1;
            default -> x[a][(a + k) % SIDE] += 1;
          }
        }
        png(x, folder.resolve(String.format(Locale.ROOT, "%d-%03d.png", label, i)));
      }
    }
    return root;
  }

  /** Out-of-distribution images: uniform noise over the whole pixel range, in one (unread) class folder. */
  private static Path noiseFolder(Path root, long seed) throws IOException {
    Random random = new Random(seed);
    Path folder = Files.createDirectories(root.resolve("noise"));
    for (int i = 0; i < PER_CLASS; i++) {
      float[][] x = new float[SIDE][SIDE];
      for (float[] row : x) {
        for (int j = 0; j < SIDE; j++) {
          row[j] = (float) (3 * random.nextDouble() - 1);
        }
      }
      png(x, folder.resolve(String.format(Locale.ROOT, "%03d.png", i)));
    }
    return root;
  }

  private static float[][] noise(Random random, double sigma) {
    float[][] x = new float[SIDE][SIDE];
    for (float[] row : x) {
      for (int j = 0; j < SIDE; j++) {
        row[j] = (float) (sigma * random.nextGaussian());
      }
    }
    return x;
  }

  /** An 8-bit gray PNG storing x as p = 255 (x + 1) / 3, clamped to 0..255 (see {@link #INPUT}). */
  private static Path png(float[][] x, Path file) throws IOException {
    BufferedImage image = new BufferedImage(x[0].length, x.length, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < x.length; y++) {
      for (int c = 0; c < x[0].length; c++) {
        int p = (int) Math.round(255 * (x[y][c] + 1) / 3.0);
        image.getRaster().setSample(c, y, 0, Math.max(0, Math.min(255, p)));
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
