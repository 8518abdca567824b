package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabelOptions;
import io.penultimate.data.SampleFiles;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.Trainer;
import io.penultimate.dl4j.TrainingSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * fit, evaluate and export on the user's own CSV files, with a paper-mlp trained by the train
 * command's code path on 4 features and 3 classes named a, b, c: class c raises feature c, with
 * enough noise that some predictions are wrong; the OOD file has no label column and lies far off.
 */
class OwnDataEndToEndTest {
  private static final List<String> CLASSES = List.of("a", "b", "c");
  private static final String HEADER = "f0,f1,label,f2,f3";

  @TempDir static Path dir;
  private static Path model;
  private static Path train;
  private static Path test;
  private static Path ood;
  private static Path bundle;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  @BeforeAll
  static void trainAModelOnCsvFiles() throws IOException {
    train = csv("train.csv", 450, 1, true, 0);
    test = csv("test.csv", 150, 2, true, 0);
    ood = csv("ood.csv", 60, 3, false, 6);
    LabelOptions named = LabelOptions.DEFAULT.withClassNames(CLASSES);
    DataSplit split = new DataSplit(SampleFiles.read(train, named), SampleFiles.read(csv("validation.csv", 150, 4, true, 0), named),
        SampleFiles.read(test, named));
    model = dir.resolve("model.zip");
    ModelTraining.train(split, "train.csv", ModelRecipe.PAPER_MLP, TrainingSettings.defaults(1).withMaxEpochs(4),
        Trainer.Progress.NONE, model);
    bundle = dir.resolve("encoders.json");
    Result fit = run("fit", "--model", model.toString(), "--train", train.toString(),
        "--validation", dir.resolve("validation.csv").toString(), "--out", bundle.toString());
    assertThat(fit.code()).as(fit.err()).isZero();
  }

  /** {@code n} rows of class i % 3, feature j ~ N(shift + 1.5 [j == class], 0.8), labels by name. */
  private static Path csv(String name, int n, long seed, boolean labelled, double shift) throws IOException {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(labelled ? HEADER : HEADER.replace("label,", "")).append('\n');
    for (int i = 0; i < n; i++) {
      int label = i % CLASSES.size();
      for (int j = 0; j < 4; j++) {
        double value = shift + 0.8 * random.nextGaussian() + (j == label ? 1.5 : 0);
        text.append(String.format(Locale.ROOT, "%.4f", value)).append(j == 3 ? "" : ",");
        if (j == 1 && labelled) {
          text.append(CLASSES.get(label)).append(',');
        }
      }
      text.append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void fitsABundleOnAShareOfATrainingFileNamingItsClassesAsTheModelDoes() throws IOException {
    Path shared = dir.resolve("fit-share.json");

    Result result = run("fit", "--model", model.toString(), "--train", train.toString(), "--validation-share", "0.25",
        "--out", shared.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("x 3 classes");
    EncoderBundle fitted = BundleJson.read(shared);
    assertThat(fitted.classNames()).containsExactlyElementsOf(CLASSES);
    assertThat(fitted.provenance().dataset()).isEqualTo(train.toString());
  }

  @Test
  void evaluatesOnATestFileAgainstAnUnlabelledOodFile() throws IOException {
    Path json = dir.resolve("evaluation.json");

    Result result = run("evaluate", "--model", model.toString(), "--encoders", bundle.toString(), "--test", test.toString(),
        "--ood", ood.toString(), "--json", json.toString());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("Table 3.");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("dataset").asText()).isEqualTo(test.toString());
    assertThat(report.get("oodDataset").fieldNames()).toIterable().as("one OOD set, the far one").containsExactly("far");
    assertThat(report.at("/oodDataset/far").asText()).isEqualTo(ood.toString());
    assertThat(report.get("testAccuracy").asDouble()).isBetween(0.6, 0.99);
    // far-off inputs are told apart from the test set by the Gaussian scores at least
    assertThat(report.at("/oodAuroc/far/mahalanobis").asDouble()).isGreaterThan(0.9);
    assertThat(report.get("oodAuroc").has("near")).isFalse();
  }

  @Test
  void exportsAWholeFileOneRowPerSample() throws IOException {
    Path out = dir.resolve("export.csv");

    Result result = run("export", "--model", model.toString(), "--data", test.toString(), "--out", out.toString());

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(1 + 150);
    assertThat(lines.get(1)).startsWith("0,");
  }

  @Test
  void stopsWithOneLineWhenTheDataIsWiderThanTheModelsInput() throws IOException {
    Path wide = Files.writeString(dir.resolve("wide.csv"), "label,f0,f1,f2,f3,f4\na,1,2,3,4,5\nb,1,2,3,4,5\n");

    Result result = run("export", "--model", model.toString(), "--data", wide.toString(), "--out", dir.resolve("w.csv").toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("penultimate: " + wide + ": its samples have 5 values, but the model reads 4 per input"
        + System.lineSeparator());
  }

  @Test
  void stopsWithOneLineNamingTheRowOfABadLabel() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.csv"), "label,f0,f1,f2,f3\na,1,2,3,4\nd,1,2,3,4\n");

    Result result = run("export", "--model", model.toString(), "--data", bad.toString(), "--out", dir.resolve("b.csv").toString());

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains(bad + " line 3, column 'label': label 'd' is not").contains("(a, b, c)").hasLineCount(1);
  }

  @Test
  void refusesAnOodPathThatIsNeitherAFileNorADataSetName() {
    Path missing = dir.resolve("cifar");

    Result result = run("evaluate", "--model", model.toString(), "--encoders", bundle.toString(), "--test", test.toString(),
        "--ood", missing.toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("penultimate: --ood " + missing + ": no such file or folder, nor a data set name (mnist, fashion-mnist, idx:<dir>, cifar10:<dir>, cifar100:<dir>, cifar100-coarse:<dir>)"
            + System.lineSeparator());
  }
}
