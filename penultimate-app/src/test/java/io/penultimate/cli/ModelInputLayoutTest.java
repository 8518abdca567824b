package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The model's input shape, not the data file's, says how many channels a per-channel input
 * transform may have and in which layout the data must be: DL4J convolutional networks over
 * 3 × 4 × 4 images, one reading them channels first (NCHW), one channels last (NHWC), saved
 * without our metadata, fed flat CSV rows and a folder of RGB images.
 */
class ModelInputLayoutTest {
  private static final int CHANNELS = 3;
  private static final int SIDE = 4;
  private static final int VALUES = CHANNELS * SIDE * SIDE;
  private static final double[] MEAN = {10, 20, 30};
  private static final double[] STD = {2, 4, 8};

  @TempDir static Path dir;
  private static Path nchw;
  private static Path nhwc;
  private static float[][] rows;
  private static Path raw;

  @BeforeAll
  static void saveNetworksAndData() throws IOException {
    nchw = saved(CNN2DFormat.NCHW, dir.resolve("nchw.zip"));
    nhwc = saved(CNN2DFormat.NHWC, dir.resolve("nhwc.zip"));
    Random random = new Random(8);
    rows = new float[40][VALUES];
    for (float[] row : rows) {
      for (int j = 0; j < VALUES; j++) {
        row[j] = 100 * random.nextFloat();
      }
    }
    raw = csv(dir.resolve("raw.csv"), rows);
  }

  @Test
  void exportTakesOneMeanAndStdPerChannelOfAChannelsFirstModelFromFlatCsvRows() throws IOException {
    // channel k is the k-th block of 16 values of a row: normalised here by hand, then exported without flags
    float[][] normalised = new float[rows.length][VALUES];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < VALUES; j++) {
        int channel = j / (SIDE * SIDE);
        normalised[i][j] = (float) ((rows[i][j] - MEAN[channel]) / STD[channel]);
      }
    }
    Path byHand = csv(dir.resolve("normalised.csv"), normalised);

    CliRun flagged = CliRun.of("export", "--model", nchw.toString(), "--data", raw.toString(), "--input-mean", "10,20,30",
        "--input-std", "2,4,8", "--out", dir.resolve("flagged.csv").toString());
    CliRun plain = CliRun.of("export", "--model", nchw.toString(), "--data", byHand.toString(), "--out", dir.resolve("plain.csv").toString());

    assertThat(flagged.code()).as(flagged.err()).isZero();
    assertThat(plain.code()).as(plain.err()).isZero();
    List<String> transformed = Files.readAllLines(dir.resolve("flagged.csv"));
    List<String> expected = Files.readAllLines(dir.resolve("plain.csv"));
    assertThat(transformed).hasSameSizeAs(expected);
    for (int i = 1; i < expected.size(); i++) {
      double[] a = numbers(transformed.get(i));
      double[] b = numbers(expected.get(i));
      assertThat(a).containsExactly(b, within(1e-5));
    }
  }

  @Test
  void aPerChannelMeanForAChannelsLastModelIsAUsageErrorNamingTheModelsShape() {
    CliRun run = CliRun.of("export", "--model", nhwc.toString(), "--data", raw.toString(), "--input-mean", "10,20,30",
        "--out", dir.resolve("never.csv").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).hasLineCount(1)
        .contains("--input-mean has 3 values, expected 1 or 48 (one per feature)")
        .contains("the model reads inputs of shape [4, 4, 3], channels last: per-channel values need channels first");
    assertThat(dir.resolve("never.csv")).doesNotExist();
  }

  @Test
  void aMeanOfAnotherCountThanTheModelsChannelsIsAUsageErrorNamingBoth() {
    CliRun run = CliRun.of("export", "--model", nchw.toString(), "--data", raw.toString(), "--input-mean", "10,20",
        "--out", dir.resolve("never.csv").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).hasLineCount(1)
        .contains("--input-mean has 2 values, expected 1, 3 (one per channel) or 48 (one per feature)")
        .contains("the model reads inputs of shape [3, 4, 4], channels first");
  }

  @Test
  void imagesReadChannelsFirstAreRefusedForAChannelsLastModelInOneLineNamingBothShapes() throws IOException {
    Path images = imageFolders(dir.resolve("images"));

    CliRun nhwcRun = CliRun.of("export", "--model", nhwc.toString(), "--data", images.toString(), "--out", dir.resolve("never.csv").toString());
    CliRun nchwRun = CliRun.of("export", "--model", nchw.toString(), "--data", images.toString(), "--out", dir.resolve("images.csv").toString());

    assertThat(nhwcRun.code()).isEqualTo(1);
    assertThat(nhwcRun.err()).hasLineCount(1)
        .contains(images + ": its samples have shape [3, 4, 4], but the model reads [4, 4, 3]");
    assertThat(nchwRun.code()).as(nchwRun.err()).isZero();
  }

  /**
   * A 2×2 convolution (2 maps, ReLU) → dense 5 (sigmoid) → softmax over 3 classes; the layers take
   * the input's layout from the input type.
   */
  private static Path saved(CNN2DFormat format, Path file) throws IOException {
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(4)
                .list()
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(SIDE, SIDE, CHANNELS, format))
                .build());
    network.init();
    ModelSerializer.writeModel(network, file.toFile(), false);
    return file;
  }

  private static Path csv(Path file, float[][] values) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < VALUES; j++) {
      text.append('f').append(j).append(',');
    }
    text.append("label\n");
    for (int i = 0; i < values.length; i++) {
      for (float value : values[i]) {
        text.append(String.format(Locale.ROOT, "%.6f", value)).append(',');
      }
      text.append(i % 3).append('\n');
    }
    return Files.writeString(file, text);
  }

  /** Two random RGB images per class folder a, b, c. */
  private static Path imageFolders(Path root) throws IOException {
    Random random = new Random(9);
    for (String name : List.of("a", "b", "c")) {
      Path folder = Files.createDirectories(root.resolve(name));
      for (int i = 0; i < 2; i++) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
          for (int x = 0; x < SIDE; x++) {
            image.setRGB(x, y, random.nextInt(1 << 24));
          }
        }
        ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
      }
    }
    return root;
  }

  /** An export row's numbers after the label and the prediction: the logits and the hidden values. */
  private static double[] numbers(String row) {
    String[] cells = row.split(",");
    double[] values = new double[cells.length - 2];
    for (int i = 2; i < cells.length; i++) {
      values[i - 2] = Double.parseDouble(cells[i]);
    }
    return values;
  }
}
