package io.penultimate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.bundle.BundleJson;
import io.penultimate.data.DataSplit;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.experiment.SmallModel;
import io.penultimate.dl4j.ModelFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** evaluate reads the layer the bundle names; a --hidden-layer that says otherwise is a usage error. */
class EvaluateCommandTest {
  @TempDir static Path dir;
  private static Path model;
  private static Path encoders;

  @BeforeAll
  static void fitOnTheFirstHiddenLayer() throws Exception {
    DataSplit data = SmallModel.split();
    model = dir.resolve("model.zip");
    ModelFile.Loaded loaded = SmallModel.write(data, model);
    encoders = dir.resolve("encoders.json");
    BundleJson.write(new ProbedModel(loaded, "0").fit(data, "synthetic"), encoders);
  }

  @Test
  void exitsTwoNamingBothLayersWhenHiddenLayerDisagreesWithTheBundle() {
    StringWriter err = new StringWriter();
    CommandLine cli = Penultimate.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("evaluate", "--dataset", "mnist", "--data-dir", dir.resolve("no-data").toString(),
        "--model", model.toString(), "--encoders", encoders.toString(), "--hidden-layer", "1");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--hidden-layer 1 disagrees with the bundle, fitted on layer '0'")
        .contains("penultimate fit --hidden-layer 1")
        .hasLineCount(1);
  }
}
