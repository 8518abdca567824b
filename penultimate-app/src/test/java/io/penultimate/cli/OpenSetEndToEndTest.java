package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.ScoreName;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.model.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-set protocol from the command line on a tiny IDX data set (four classes of 28 × 28
 * images, seconds to train): train on classes 0, 1, 2; fit and evaluate read the same classes from
 * the model, and evaluate scores the held-out class's test images as near OOD beside the far set.
 */
class OpenSetEndToEndTest {
  private static final List<String> KEPT = List.of("0", "1", "2");

  @TempDir static Path dir;
  private static String data;
  private static Path model;
  private static Path encoders;
  private static CliRun trained;
  private static CliRun fitted;
  private static CliRun evaluated;

  @BeforeAll
  static void trainOnThreeOfFourClassesThenFitAndEvaluate() throws Exception {
    data = "idx:" + TinyIdx.write(dir.resolve("tiny"), 4, 1200, 400, 1);
    String noise = "idx:" + TinyIdx.write(dir.resolve("noise"), 0, 12, 200, 2);
    model = dir.resolve("model.zip");
    encoders = dir.resolve("encoders.json");
    trained = CliRun.of("train", "--dataset", data, "--classes", "2,0,1", "--max-epochs", "2", "--out", model.toString());
    fitted = CliRun.of("fit", "--model", model.toString(), "--dataset", data, "--out", encoders.toString());
    evaluated = CliRun.of("evaluate", "--model", model.toString(), "--encoders", encoders.toString(), "--dataset", data,
        "--ood", noise, "--json", dir.resolve("report.json").toString(), "--plots", dir.resolve("plots").toString());
  }

  @Test
  void trainsOnTheListedClassesAndRecordsTheirIndicesInTheModel() throws Exception {
    assertThat(trained.code()).as(trained.err()).isZero();
    assertThat(trained.out()).contains("trained paper-mlp on " + data + ", classes 0,1,2 (seed 1)");
    ModelMetadata metadata = ModelFile.read(model).metadata();
    assertThat(metadata.classNames()).isEqualTo(KEPT);
    assertThat(metadata.datasetClasses()).contains(List.of(0, 1, 2));
  }

  @Test
  void fitReadsTheModelsClassesOfTheDataSet() throws Exception {
    assertThat(fitted.code()).as(fitted.err()).isZero();
    EncoderBundle bundle = BundleJson.read(encoders);
    assertThat(bundle.classNames()).isEqualTo(KEPT);
    assertThat(bundle.provenance().dataset()).isEqualTo(data + ", classes 0,1,2");
  }

  @Test
  void evaluateScoresTheHeldOutClassAsNearOodBesideTheFarSet() throws Exception {
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.get("dataset").asText()).isEqualTo(data + ", classes 0,1,2");
    assertThat(report.at("/oodDataset/near").asText()).isEqualTo(data + ", held-out classes 3,4,5,6,7,8,9");
    for (String field : List.of("oodAuroc", "oodFpr95", "oodDetectionRate", "primaryAlphaOodAuroc")) {
      assertThat(report.get(field).fieldNames()).toIterable().as(field).containsExactly("far", "near");
    }
    for (String key : ScoreName.keys()) {
      assertThat(report.at("/oodAuroc/near/" + key).asDouble()).as(key).isBetween(0.0, 1.0);
      assertThat(report.at("/oodAuroc/far/" + key).asDouble()).as(key).isBetween(0.0, 1.0);
    }
    assertThat(evaluated.out()).contains("Near OOD. In-distribution test images vs the held-out classes'");
    assertThat(dir.resolve("plots/roc-ood.png")).isNotEmptyFile();
    assertThat(dir.resolve("plots/roc-ood-near.png")).isNotEmptyFile();
  }

  @Test
  void refusesInOneLineAModelTrainedOnClassesTheDataSetNamesOtherwise() throws Exception {
    ModelFile.Loaded loaded = ModelFile.read(model);
    ModelMetadata ours = loaded.metadata();
    ModelMetadata clothes = new ModelMetadata(ours.formatVersion(), Optional.of("fashion-mnist"), ours.arch(), ours.seed(),
        ours.testAccuracy(), ours.validationAccuracy(), ours.epochs(), ours.hiddenLayer(), ours.hiddenWidth(), ours.inputSize(),
        List.of("T-shirt/top", "Trouser", "Pullover"), Optional.of(List.of(0, 1, 2)));
    Path other = dir.resolve("clothes.zip");
    ModelFile.write((MultiLayerNetwork) loaded.network(), clothes, other);

    CliRun run = CliRun.of("fit", "--model", other.toString(), "--dataset", data, "--out", dir.resolve("x.json").toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("penultimate: " + other + " was trained on classes 0,1,2 of fashion-mnist, named T-shirt/top,"
        + " Trouser, Pullover; those of --dataset " + data + " are named 0, 1, 2 (give the data set it was trained on,"
        + " --dataset fashion-mnist)\n");
  }

  @Test
  void refusesAnUnknownClassOrASingleOneAsAUsageErrorInOneLine() {
    CliRun unknown = CliRun.of("train", "--dataset", data, "--classes", "0,12", "--out", dir.resolve("u.zip").toString());
    CliRun single = CliRun.of("train", "--dataset", data, "--classes", "3", "--out", dir.resolve("s.zip").toString());

    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).isEqualTo("penultimate: --classes: unknown class 12: the data set's classes are 0..9"
        + " (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)\n");
    assertThat(single.code()).isEqualTo(2);
    assertThat(single.err()).startsWith("penultimate: --classes: a subset keeps at least 2 classes, found 1 [3]").hasLineCount(1);
  }

  @Test
  void reproduceRefusesToHoldOutEveryClassBeforeTraining() {
    CliRun run = CliRun.of("reproduce", "--dataset", data, "--holdout", "0,1,2,3,4,5,6,7,8,9",
        "--work-dir", dir.resolve("runs").toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("penultimate: --holdout: holding out 0,1,2,3,4,5,6,7,8,9 of the 10 classes leaves none;"
        + " keep at least 2 to train on\n");
    assertThat(dir.resolve("runs")).doesNotExist();
  }
}
