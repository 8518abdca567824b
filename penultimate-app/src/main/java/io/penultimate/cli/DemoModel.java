package io.penultimate.cli;

import io.penultimate.bundle.BundleJson;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.data.DataFetcher;
import io.penultimate.data.DataSplit;
import io.penultimate.data.Datasets;
import io.penultimate.dl4j.BlasDotProducts;
import io.penultimate.dl4j.ModelRecipe;
import io.penultimate.dl4j.TrainingSettings;
import io.penultimate.experiment.ProbedModel;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LoadedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The paper MLP on MNIST (seed 1) and its bundle, as {@code demo} and {@code bench stream} use
 * them: trained and fitted on first use, then reused from the same folder {@code reproduce} writes.
 */
record DemoModel(Path model, Path encoders) {
  private static final String DIR = Datasets.MNIST + "-paper-mlp-seed1";

  /** {@code --work-dir} and {@code --data-dir} of the commands that use this model. */
  static final class Options {
    @Option(names = "--work-dir", defaultValue = "runs", paramLabel = "DIR",
        description = "Where the model and bundle are cached, shared with reproduce (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where data sets are cached (default: $PENULTIMATE_DATA_DIR or ./data).")
    Path dataDir;

    Path dataDir() {
      return dataDir == null ? DataFetcher.defaultDataDir() : dataDir;
    }
  }

  static DemoModel ensure(Path workDir, DataSplit mnist, PrintWriter err) throws IOException {
    Path dir = workDir.resolve(DIR);
    Path model = ensureModel(mnist, dir.resolve("model.zip"), err);
    return new DemoModel(model, ensureBundle(mnist, model, dir.resolve("encoders.json"), err));
  }

  private static Path ensureModel(DataSplit mnist, Path file, PrintWriter err) throws IOException {
    if (Files.exists(file)) {
      err.println("reusing " + file);
      return file;
    }
    err.println("training paper-mlp on mnist (seed 1) into " + file);
    int maxEpochs = TrainingSettings.defaults(1).maxEpochs();
    ModelTraining.train(mnist, Datasets.MNIST, ModelRecipe.byId("paper-mlp"), TrainingSettings.defaults(1), new ProgressBar(err, maxEpochs), file);
    return file;
  }

  /** Refits when the bundle is missing, stale (another model) or from an older version. */
  private static Path ensureBundle(DataSplit mnist, Path model, Path file, PrintWriter err) throws IOException {
    try (LoadedModel loaded = ModelFiles.open(model)) {
      if (Files.exists(file)) {
        try {
          EncoderBundle bundle = BundleJson.read(file);
          if (bundle.provenance().modelSha256().equals(loaded.sha256())) {
            err.println("reusing " + file);
            return file;
          }
        } catch (IOException | IllegalArgumentException e) {
          err.println("refitting " + file + " (" + e.getMessage() + ")");
        }
      }
      err.println("fitting the encoder bundle into " + file);
      BundleJson.write(new ProbedModel(loaded, null, InputTransform.IDENTITY, BlasDotProducts.INSTANCE).fit(mnist, Datasets.MNIST), file);
    }
    return file;
  }

}
