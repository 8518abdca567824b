package io.penultimate.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.penultimate.model.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The class subset of a model trained on some classes ({@code train --classes}) travels in its file. */
class ClassSubsetMetadataTest {
  private static final List<String> KEPT = List.of("1", "4", "7");

  @Test
  void writesAndReadsBackTheOriginalIndicesOfTheClassesTrainedOn(@TempDir Path dir) throws IOException {
    ModelMetadata metadata =
        ModelMetadata.trained("mnist", "paper-mlp", 3, 0.9, 0.9, 2, "0", 4, 6, KEPT).withDatasetClasses(List.of(1, 4, 7));
    Path file = dir.resolve("model.zip");

    ModelFile.write(network(), metadata, file);
    ModelFile.Loaded loaded = ModelFile.read(file);

    assertThat(loaded.metadata()).isEqualTo(metadata);
    assertThat(loaded.metadata().datasetClasses()).contains(List.of(1, 4, 7));
    assertThat(entry(file)).contains("\"datasetClasses\" : [ 1, 4, 7 ]");
  }

  @Test
  void readsAModelOfEveryClassWithoutASubset(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.zip");

    ModelFile.write(network(), ModelMetadata.trained("mnist", "paper-mlp", 3, 0.9, 0.9, 2, "0", 4, 6, KEPT), file);

    assertThat(ModelFile.read(file).metadata().datasetClasses()).isEmpty();
  }

  private static MultiLayerNetwork network() {
    MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
        .layer(new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.SIGMOID).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(KEPT.size()).activation(Activation.SOFTMAX).build())
        .build());
    network.init();
    return network;
  }

  private static String entry(Path file) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new String(zip.getInputStream(zip.getEntry(ModelFile.METADATA_ENTRY)).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
