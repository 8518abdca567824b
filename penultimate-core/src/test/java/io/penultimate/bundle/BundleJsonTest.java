package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.penultimate.model.InputTransform;
import io.penultimate.model.LabeledOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleJsonTest {
  private static EncoderBundle bundle;

  @BeforeAll
  static void fitOnce() {
    bundle = SyntheticOutputs.fit();
  }

  @Test
  void roundTripGivesIdenticalScores(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    BundleJson.write(bundle, file);
    EncoderBundle read = BundleJson.read(file);
    LabeledOutputs sample = SyntheticOutputs.generate(200, 9);
    ConfidenceScorer before = new ConfidenceScorer(bundle);
    ConfidenceScorer after = new ConfidenceScorer(read);
    for (int i = 0; i < sample.size(); i++) {
      double[] h = sample.outputs().hidden()[i];
      double[] z = sample.outputs().logits()[i];
      assertThat(after.scores(h, z)).containsExactly(before.scores(h, z));
    }
    assertThat(read.settings()).usingRecursiveComparison().isEqualTo(bundle.settings());
    assertThat(read.provenance()).isEqualTo(bundle.provenance());
  }

  @Test
  void writesScoreKeysAsTheyAppearInOutput(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    BundleJson.write(bundle, file);
    assertThat(Files.readString(file)).contains("\"betaGeneral\"").doesNotContain("\"BETA_GENERAL\"");
  }

  @Test
  void refusesAnotherFormatVersionNamingFoundAndExpected(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    tree.put("formatVersion", 7);
    BundleJson.MAPPER.writeValue(file.toFile(), tree);
    assertThatThrownBy(() -> BundleJson.read(file))
        .hasMessageContaining("format version 7, expected " + EncoderBundle.FORMAT_VERSION + "; run 'penultimate fit' again")
        .hasMessageNotContaining("upgraded");
  }

  @Test
  void roundTripKeepsTheInputTransform(@TempDir Path dir) throws IOException {
    InputTransform transform = new InputTransform(1 / 255.0, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
    EncoderBundle transformed =
        BundleFitter.fit(SyntheticOutputs.generate(300, 1), SyntheticOutputs.generate(150, 2), List.of("a", "b", "c"),
            SyntheticOutputs.provenance(), OptionalDouble.empty(), transform);
    Path file = dir.resolve("encoders.json");

    BundleJson.write(transformed, file);

    assertThat(BundleJson.read(file).inputTransform()).isEqualTo(transform);
    assertThat(Files.readString(file)).contains("\"inputTransform\"").doesNotContain("\"identity\"");
  }

  @Test
  void refusesABundleWithoutItsInputTransform(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    tree.remove("inputTransform");
    BundleJson.MAPPER.writeValue(file.toFile(), tree);

    assertThatThrownBy(() -> BundleJson.read(file)).hasMessageContaining("inputTransform is missing");
  }

  @Test
  void refusesAZeroStdInTheInputTransformNamingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    ((ObjectNode) tree.get("inputTransform")).putArray("std").add(0.0);
    BundleJson.MAPPER.writeValue(file.toFile(), tree);

    assertThatThrownBy(() -> BundleJson.read(file)).hasMessageContaining("input std must be finite and positive, found 0.0");
  }

  @Test
  void refusesABundleWhoseEncodersDisagreeWithItsWidth(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    tree.put("width", 9);
    BundleJson.MAPPER.writeValue(file.toFile(), tree);
    assertThatThrownBy(() -> BundleJson.read(file))
        .hasMessageContaining("invalid encoder bundle")
        .hasMessageContaining("expected 9");
  }

  @Test
  void namesAMissingPartInsteadOfFailingWithANullPointer(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    tree.remove("gaussian");
    BundleJson.MAPPER.writeValue(file.toFile(), tree);
    assertThatThrownBy(() -> BundleJson.read(file)).hasMessageContaining("gaussian is missing");
  }

  @Test
  void namesAMissingBaselineModel(@TempDir Path dir) throws IOException {
    for (String part : new String[] {"relativeMahalanobis", "knn", "vim", "sirc"}) {
      Path file = dir.resolve(part + ".json");
      ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
      tree.remove(part);
      BundleJson.MAPPER.writeValue(file.toFile(), tree);
      assertThatThrownBy(() -> BundleJson.read(file)).as(part).hasMessageContaining(part + " is missing");
    }
  }

  @Test
  void refusesABaselineModelOfAnotherWidth(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    EncoderBundle narrow = BundleFitter.fit(SyntheticOutputs.generate(300, 1, 4, 3), SyntheticOutputs.generate(300, 2, 4, 3),
        List.of("a", "b", "c"), SyntheticOutputs.provenance());
    tree.set("knn", BundleJson.MAPPER.valueToTree(narrow.knn()));
    BundleJson.MAPPER.writeValue(file.toFile(), tree);

    assertThatThrownBy(() -> BundleJson.read(file)).hasMessageContaining("knn model has dimension 4, expected 8");
  }

  @Test
  void refusesABundleThatDoesNotNameItsHiddenLayer(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    ((ObjectNode) tree.get("provenance")).remove("hiddenLayer");
    BundleJson.MAPPER.writeValue(file.toFile(), tree);
    assertThatThrownBy(() -> BundleJson.read(file))
        .hasMessageContaining("hidden layer the bundle was fitted on, found none")
        .hasMessageContaining("penultimate fit");
  }

  @Test
  void writesTheUnknownSeedOfAModelNotTrainedHereAsNullAndReadsItBackEmpty(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("encoders.json");
    ObjectNode tree = BundleJson.MAPPER.valueToTree(bundle);
    ((ObjectNode) tree.get("provenance")).putNull("seed");
    BundleJson.MAPPER.writeValue(file.toFile(), tree);

    EncoderBundle read = BundleJson.read(file);
    Path written = dir.resolve("written.json");
    BundleJson.write(read, written);

    assertThat(read.provenance().seed()).isEmpty();
    assertThat(BundleJson.MAPPER.readTree(written.toFile()).at("/provenance/seed").isNull()).isTrue();
  }

  @Test
  void refusesAFileThatIsNotJson(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("encoders.json"), "PK\u0003\u0004 zip bytes");
    assertThatThrownBy(() -> BundleJson.read(file)).hasMessageContaining("is not JSON");
  }

  @Test
  void namesTheMissingFileAndHowToCreateIt(@TempDir Path dir) {
    assertThatThrownBy(() -> BundleJson.read(dir.resolve("nope.json")))
        .hasMessageContaining("nope.json")
        .hasMessageContaining("penultimate fit");
  }
}
