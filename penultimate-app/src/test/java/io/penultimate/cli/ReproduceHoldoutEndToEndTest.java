package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.ScoreName;
import io.penultimate.data.DataFetcher;
import io.penultimate.dl4j.ModelFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The open-set protocol on real data, kept short: MNIST digits 0..5 for one epoch, digits 6..9 as
 * near OOD, Fashion-MNIST as far OOD.
 */
@Tag("integration")
class ReproduceHoldoutEndToEndTest {
  @TempDir static Path work;
  private static CliRun run;

  @BeforeAll
  static void reproduceHoldingOutFourDigits() {
    run = CliRun.of("reproduce", "--dataset", "mnist", "--data-dir", DataFetcher.defaultDataDir().toString(),
        "--holdout", "6,7,8,9", "--max-epochs", "1", "--work-dir", work.resolve("runs").toString(),
        "--json", work.resolve("result.json").toString(), "--plots", work.resolve("plots").toString());
  }

  @Test
  void trainsOnTheOtherClassesInAFolderOfItsOwn() throws Exception {
    assertThat(run.code()).as(run.err()).isZero();
    Path model = work.resolve("runs/mnist-holdout6-7-8-9-paper-mlp-seed1/model.zip");
    assertThat(ModelFile.read(model).metadata().datasetClasses()).contains(List.of(0, 1, 2, 3, 4, 5));
    assertThat(ModelFile.read(model).metadata().classNames()).containsExactly("0", "1", "2", "3", "4", "5");
  }

  @Test
  void reportsNearAndFarOodAurocPerScoreAndPrintsTheNearTable() throws Exception {
    JsonNode json = new ObjectMapper().readTree(work.resolve("result.json").toFile());
    assertThat(json.get("dataset").asText()).isEqualTo("mnist, classes 0,1,2,3,4,5");
    assertThat(json.at("/oodDataset/far").asText()).isEqualTo("fashion-mnist");
    assertThat(json.at("/oodDataset/near").asText()).isEqualTo("mnist, held-out classes 6,7,8,9");
    for (String key : ScoreName.keys()) {
      assertThat(json.at("/oodAuroc/near/" + key).asDouble()).as(key).isBetween(0.0, 1.0);
      assertThat(json.at("/sd/oodAuroc/near/" + key).asDouble()).as(key).isZero();
    }
    // two different OOD sets: the held-out digits are not the garments (which is harder to tell apart is an empirical question)
    assertThat(json.at("/oodAuroc/near/gaussian").asDouble()).isNotEqualTo(json.at("/oodAuroc/far/gaussian").asDouble());
    assertThat(json.at("/oodFpr95/near/softmax").asDouble()).isNotEqualTo(json.at("/oodFpr95/far/softmax").asDouble());
    assertThat(json.at("/runs/0/oodDetectionRate/near/softmax").isNumber()).isTrue();
    assertThat(run.out()).contains("near OOD set mnist, held-out classes 6,7,8,9", "Near OOD.", "near OOD AUROC");
    assertThat(work.resolve("plots/seed1-roc-ood-near.png")).isNotEmptyFile();
  }

  @Test
  void evaluateOnTheModelReadsItsClassesAndHoldsOutTheOthers() {
    Path dir = work.resolve("runs/mnist-holdout6-7-8-9-paper-mlp-seed1");

    CliRun evaluate = CliRun.of("evaluate", "--dataset", "mnist", "--data-dir", DataFetcher.defaultDataDir().toString(),
        "--model", dir.resolve("model.zip").toString(), "--encoders", dir.resolve("encoders.json").toString());

    assertThat(evaluate.code()).as(evaluate.err()).isZero();
    assertThat(evaluate.out()).contains("Data set mnist, classes 0,1,2,3,4,5", "near OOD set mnist, held-out classes 6,7,8,9");
  }
}
