package io.penultimate.experiment;

import io.penultimate.bundle.BundleFitter;
import io.penultimate.bundle.EncoderBundle;
import io.penultimate.bundle.Provenance;
import io.penultimate.data.DataSplit;
import io.penultimate.data.LabeledImages;
import io.penultimate.dl4j.HiddenProbe;
import io.penultimate.dl4j.ModelFile;
import io.penultimate.model.LabeledOutputs;
import io.penultimate.model.ModelMetadata;
import io.penultimate.model.ModelOutputs;
import io.penultimate.report.Evaluator;
import io.penultimate.report.NodeAnalysis;
import java.time.Instant;
import java.util.Random;

/** Fit and evaluate on a loaded model: the DL4J side of the offline pipeline. */
public final class Experiment {
  /** Seed of the pixel shuffles that make the synthetic outliers; fixed so fits are reproducible. */
  static final long OUTLIER_SEED = 20240601L;

  private final ModelFile.Loaded model;
  private final HiddenProbe probe;

  public Experiment(ModelFile.Loaded model, String hiddenLayer) {
    this.model = model;
    this.probe = HiddenProbe.of(model.network(), hiddenLayer);
  }

  public LabeledOutputs probe(LabeledImages images) {
    return new LabeledOutputs(probe.probe(images.pixels()), images.labels());
  }

  public EncoderBundle fit(DataSplit data, String datasetName) {
    ModelMetadata meta = model.metadata();
    Provenance provenance =
        new Provenance(
            model.sha256(),
            datasetName,
            meta.arch(),
            meta.seed(),
            meta.hiddenLayer(),
            Instant.now().toString(),
            BuildInfo.penultimateVersion(),
            BuildInfo.dl4jVersion(),
            System.getProperty("java.version"));
    ModelOutputs outliers = probe.probe(shuffledPixels(data.validation().pixels(), OUTLIER_SEED));
    return BundleFitter.fit(probe(data.train()), probe(data.validation()), outliers, data.train().classNames(), provenance);
  }

  public Evaluator.Evaluation evaluate(EncoderBundle bundle, DataSplit data, LabeledImages ood, Evaluator.Labels labels) {
    NodeAnalysis nodes = NodeAnalysis.of(probe(data.train()).correctOnly(), bundle, probe.outputLayer());
    return Evaluator.evaluate(bundle, probe(data.test()), probe.probe(ood.pixels()), nodes, labels);
  }

  /** Each image with its pixels permuted by its own seeded shuffle: same intensities, no shape. */
  static float[][] shuffledPixels(float[][] images, long seed) {
    Random random = new Random(seed);
    float[][] out = new float[images.length][];
    for (int i = 0; i < images.length; i++) {
      float[] pixels = images[i].clone();
      for (int j = pixels.length - 1; j > 0; j--) {
        int k = random.nextInt(j + 1);
        float tmp = pixels[j];
        pixels[j] = pixels[k];
        pixels[k] = tmp;
      }
      out[i] = pixels;
    }
    return out;
  }
}
