package io.penultimate.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.model.Inference;
import io.penultimate.model.Probe;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX side of the model port, on the MLP fixture (8 features → 16 ReLU → 12 sigmoid → 3 logits). */
class OnnxModelFileTest {

  @Test
  void describesTheModelByItsGraphAndHashesTheFile() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    try (OnnxModelFile model = OnnxModelFile.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      assertThat(model.sha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(fixture.modelPath()))));
      assertThat(model.metadata().arch()).isEqualTo(OnnxModelFile.ARCH);
      assertThat(model.metadata().hiddenLayer()).isEqualTo(fixture.penultimate());
      assertThat(model.metadata().hiddenWidth()).isEqualTo(12);
      assertThat(model.inputSize()).isEqualTo(8);
      assertThat(model.classNames()).containsExactly("0", "1", "2");
      assertThat(model.metadata().seed()).isEmpty();
    }
  }

  @Test
  void readsWhatTheFileDeclaresInItsMetadataProps(@TempDir Path dir) throws Exception {
    Fixture fixture = Fixture.load("mlp");
    // metadata_props is ModelProto field 14; a field appended to the message's bytes is part of it
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(Files.readAllBytes(fixture.modelPath()));
    bytes.write(metadataProp(DeclaredMetadata.DATASET, "mnist"));
    bytes.write(metadataProp(DeclaredMetadata.SEED, "7"));
    bytes.write(metadataProp(DeclaredMetadata.DATASET_CLASSES, "2,4,9"));
    Path file = dir.resolve("declared.onnx");
    Files.write(file, bytes.toByteArray());

    try (OnnxModelFile model = OnnxModelFile.open(file, OnnxSettings.DEFAULT)) {
      assertThat(model.metadata().dataset()).contains("mnist");
      assertThat(model.metadata().seed()).hasValue(7);
      assertThat(model.metadata().datasetClasses()).contains(List.of(2, 4, 9));
      assertThat(model.metadata().arch()).isEqualTo(OnnxModelFile.ARCH);
    }
  }

  /** A StringStringEntryProto {key = 1, value = 2} as ModelProto field 14 (short strings: one-byte lengths). */
  private static byte[] metadataProp(String key, String value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream entry = new ByteArrayOutputStream();
    entry.write(0x0A);
    entry.write(k.length);
    entry.writeBytes(k);
    entry.write(0x12);
    entry.write(v.length);
    entry.writeBytes(v);
    ByteArrayOutputStream field = new ByteArrayOutputStream();
    field.write(14 << 3 | 2);
    field.write(entry.size());
    field.writeBytes(entry.toByteArray());
    return field.toByteArray();
  }

  @Test
  void probesTheAutomaticChoiceWhetherNamedOrNotAndSharesOneSessionAcrossTasks() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    try (OnnxModelFile model = OnnxModelFile.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      Probe automatic = model.probe(null);

      assertThat(model.probe(fixture.penultimate())).isSameAs(automatic);
      assertThat(automatic.outputLayer()).isEmpty();
      Inference first = automatic.perTask().get();
      assertThat(automatic.perTask().get()).isSameAs(first);
      assertThat(first.run(fixture.inputs()).hidden()[0][0]).isEqualTo(automatic.probe(fixture.inputs()).hidden()[0][0]);
    }
  }

  @Test
  void opensAnotherSessionForAnotherTensorAndReadsIt() throws Exception {
    Fixture fixture = Fixture.load("mlp");
    try (OnnxModelFile model = OnnxModelFile.open(fixture.modelPath(), OnnxSettings.DEFAULT)) {
      Probe first = model.probe("/act1/Relu_output_0");

      assertThat(first.layer()).isEqualTo("/act1/Relu_output_0");
      assertThat(first.width()).isEqualTo(16);
      assertThat(model.probe("/act1/Relu_output_0")).isSameAs(first);
      assertThat(first.probe(fixture.inputs()).hidden()[0][0])
          .isCloseTo(fixture.activations().get("/act1/Relu_output_0")[0][0], within(1e-4));
    }
  }

  @Test
  void readsTheTensorTheSettingsNameInAGraphWhoseLogitsNoLinearOperationComputes() throws Exception {
    // cnn-conv-head.onnx ends in Conv then Flatten: there is no automatic choice, the named tensor bypasses it
    Fixture fixture = Fixture.load("cnn-conv-head");
    try (OnnxModelFile model = OnnxModelFile.open(fixture.modelPath(), OnnxSettings.DEFAULT.withHiddenLayer(fixture.penultimate()))) {
      Probe probe = model.probe(null);

      assertThat(model.metadata().hiddenLayer()).isEqualTo("/pool/MaxPool_output_0");
      assertThat(model.metadata().hiddenWidth()).isEqualTo(4 * 4 * 4);
      assertThat(model.classNames()).containsExactly("0", "1", "2");
      assertThat(model.probe("/pool/MaxPool_output_0")).isSameAs(probe);
      var outputs = probe.probe(fixture.inputs());
      for (int i = 0; i < fixture.inputs().length; i++) {
        assertThat(outputs.hidden()[i]).containsExactly(fixture.hidden()[i], within(1e-4));
        assertThat(outputs.logits()[i]).containsExactly(fixture.logits()[i], within(1e-4));
      }
    }
  }

  @Test
  void refusesAGraphWhoseLogitsNoLinearOperationComputesUnlessATensorIsNamedListingTheCandidates() {
    Path model = Fixture.path("cnn-conv-head.onnx");

    assertThatThrownBy(() -> OnnxModelFile.open(model, OnnxSettings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(model + ": the logits 'logits' are computed by Flatten node '/Flatten', expected Gemm, or MatMul followed by Add of a bias;"
            + " name the hidden layer with --hidden-layer, one of [/act1/Relu_output_0, /pool/MaxPool_output_0]");
  }

  @Test
  void refusesANamedTensorThatIsNotInTheGraphInOneLineNamingTheCandidates() {
    Path model = Fixture.path("cnn-conv-head.onnx");

    assertThatThrownBy(() -> OnnxModelFile.open(model, OnnxSettings.DEFAULT.withHiddenLayer("/pool/AveragePool_output_0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(model + ": hidden layer '/pool/AveragePool_output_0' is not a tensor any node of the graph produces;"
            + " candidates are [/act1/Relu_output_0, /pool/MaxPool_output_0]");
  }

  @Test
  void givesTheInputShapeAndTheChannelsOfAnImageModelAndNoChannelsForAFlatOne() throws Exception {
    try (OnnxModelFile cnn = OnnxModelFile.open(Fixture.path("cnn.onnx"), OnnxSettings.DEFAULT);
        OnnxModelFile mlp = OnnxModelFile.open(Fixture.path("mlp.onnx"), OnnxSettings.DEFAULT)) {
      assertThat(cnn.inputShape()).containsExactly(1, 8, 8);
      assertThat(cnn.inputChannels()).hasValue(1);
      assertThat(mlp.inputShape()).containsExactly(8);
      assertThat(mlp.inputChannels()).isEmpty();
    }
  }

  @Test
  void refusesAMissingFileNamingIt() {
    assertThatThrownBy(() -> OnnxModelFile.open(Path.of("missing.onnx"), OnnxSettings.DEFAULT))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.onnx");
  }
}
