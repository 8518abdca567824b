package io.penultimate.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.penultimate.model.ModelMetadata;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclaredMetadataTest {
  private static final ModelMetadata GRAPH = ModelMetadata.ofNetwork("onnx", "/relu_6/Relu_output_0", 512, 3072, 3);

  @Test
  void withoutDeclaredKeysTheMetadataIsTheGraphs() {
    assertThat(DeclaredMetadata.over(GRAPH, Map.of("producer.note", "anything"))).isEqualTo(GRAPH);
  }

  @Test
  void declaredKeysGiveTheDataSetSeedAccuracyClassNamesAndDataSetClasses() {
    ModelMetadata declared = DeclaredMetadata.over(GRAPH, Map.of(
        DeclaredMetadata.ARCH, "vgg-small", DeclaredMetadata.DATASET, "cifar10:/data/cifar", DeclaredMetadata.SEED, "3",
        DeclaredMetadata.TEST_ACCURACY, "0.8512", DeclaredMetadata.CLASS_NAMES, "cat, dog,frog",
        DeclaredMetadata.DATASET_CLASSES, "3,5,6"));

    assertThat(declared.arch()).isEqualTo("vgg-small (onnx)");
    assertThat(declared.dataset()).contains("cifar10:/data/cifar");
    assertThat(declared.seed()).hasValue(3);
    assertThat(declared.testAccuracy()).hasValue(0.8512);
    assertThat(declared.classNames()).containsExactly("cat", "dog", "frog");
    assertThat(declared.datasetClasses()).contains(List.of(3, 5, 6));
    assertThat(declared.hiddenLayer()).isEqualTo(GRAPH.hiddenLayer());
    assertThat(declared.hiddenWidth()).isEqualTo(512);
    assertThat(declared.inputSize()).isEqualTo(3072);
  }

  @Test
  void refusesAValueItCannotReadNamingTheKey() {
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.SEED, "one")))
        .hasMessage("penultimate.seed 'one' is not an integer");
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.TEST_ACCURACY, "85")))
        .hasMessage("penultimate.test_accuracy '85' is not in [0, 1]");
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.CLASS_NAMES, "a,,b")))
        .hasMessageStartingWith("penultimate.class_names 'a,,b' has an empty item");
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.DATASET_CLASSES, "0,x,2")))
        .hasMessage("penultimate.dataset_classes item 'x' is not a class index");
  }

  @Test
  void refusesClassesThatDisagreeWithTheGraphsOutputs() {
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.CLASS_NAMES, "cat,dog")))
        .hasMessage("penultimate.class_names names 2 classes, but the graph has 3 outputs: give one name per output");
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.DATASET_CLASSES, "5,3,6")))
        .hasMessageStartingWith("metadata_props penultimate.dataset_classes: model metadata's datasetClasses must be 3 increasing");
    assertThatThrownBy(() -> DeclaredMetadata.over(GRAPH, Map.of(DeclaredMetadata.DATASET_CLASSES, "0,1")))
        .hasMessageContaining("found [0, 1]");
  }
}
