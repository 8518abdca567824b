package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.BundleJson;
import io.penultimate.data.DataFetcher;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reproduce --model}: the tables on models trained elsewhere, here two MNIST MLPs that
 * {@code train} wrote with seeds 1 and 2 (one epoch each), and one of digits 0..5 that cannot join them.
 */
@Tag("integration")
class ReproduceGivenModelsEndToEndTest {
  @TempDir static Path work;
  private static final String DATA_DIR = DataFetcher.defaultDataDir().toString();
  private static Path first;
  private static Path second;
  private static Path digitsToFive;
  private static CliRun run;

  @BeforeAll
  static void trainThreeModelsThenReproduceOnTwo() {
    first = train("seed1.zip", "1");
    second = train("seed2.zip", "2");
    digitsToFive = train("digits0-5.zip", "1", "--classes", "0,1,2,3,4,5");
    run = CliRun.of("reproduce", "--dataset", "mnist", "--data-dir", DATA_DIR, "--model", first + "," + second,
        "--work-dir", work.resolve("bundles").toString(), "--json", work.resolve("result.json").toString(),
        "--plots", work.resolve("plots").toString());
  }

  private static Path train(String file, String seed, String... more) {
    Path model = work.resolve(file);
    String[] args = {"train", "--dataset", "mnist", "--data-dir", DATA_DIR, "--seed", seed, "--max-epochs", "1", "--out", model.toString()};
    String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
    CliRun trained = CliRun.of(all);
    assertThat(trained.code()).as(trained.err()).isZero();
    return model;
  }

  @Test
  void fitsAndEvaluatesEachModelAndTabulatesThemAsSeeds() throws Exception {
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("Data set mnist, architecture paper-mlp, 2 seed(s); OOD set fashion-mnist.", "Table 3.");
    JsonNode json = new ObjectMapper().readTree(work.resolve("result.json").toFile());
    assertThat(json.get("runs")).hasSize(2);
    assertThat(json.get("runs").get(0).get("seed").asLong()).isEqualTo(1);
    assertThat(json.get("runs").get(1).get("seed").asLong()).isEqualTo(2);
    assertThat(BundleJson.read(work.resolve("bundles/seed1-encoders.json")).provenance().seed()).hasValue(1);
    assertThat(BundleJson.read(work.resolve("bundles/seed2-encoders.json")).provenance().seed()).hasValue(2);
    assertThat(work.resolve("plots/seed2-roc-misclassification.png")).isRegularFile();
  }

  @Test
  void refusesModelsOfOtherClassesInOneTableBeforeFittingAny() {
    CliRun mixed = CliRun.of("reproduce", "--dataset", "mnist", "--data-dir", DATA_DIR, "--model", first + "," + digitsToFive,
        "--work-dir", work.resolve("mixed").toString());

    assertThat(mixed.code()).isEqualTo(1);
    assertThat(mixed.err()).isEqualTo("penultimate: " + digitsToFive + " knows other classes than " + first
        + ": the runs of one table must be of the same classes (reproduce them separately)\n");
    assertThat(work.resolve("mixed")).doesNotExist();
  }

  @Test
  void refusesTwoModelsOfTheSameFileNameWhoseBundlesWouldCollide() throws Exception {
    Path copy = java.nio.file.Files.createDirectories(work.resolve("copy")).resolve("seed1.zip");
    java.nio.file.Files.copy(first, copy);

    CliRun same = CliRun.of("reproduce", "--dataset", "mnist", "--model", first + "," + copy);

    assertThat(same.code()).isEqualTo(2);
    assertThat(same.err()).startsWith("penultimate: --model " + first + "," + copy + " names two files alike (seed1, seed1)")
        .hasLineCount(1);
  }

  @Test
  void refusesTrainingOptionsBesideGivenModelsAsAUsageError() {
    CliRun seeds = CliRun.of("reproduce", "--dataset", "mnist", "--model", first.toString(), "--seeds", "3", "--retrain");

    assertThat(seeds.code()).isEqualTo(2);
    assertThat(seeds.err()).isEqualTo("penultimate: --model reproduces on the models given, which --seeds, --retrain cannot"
        + " apply to (they set up training): leave them out\n");
  }
}
