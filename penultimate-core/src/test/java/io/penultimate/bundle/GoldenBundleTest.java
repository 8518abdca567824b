package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.penultimate.model.InputTransform;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed bundles under {@code src/test/resources/bundles}, written by {@link GoldenBundles}
 * (the README there says at which commit): the current version's file loads, scores as the bundle
 * it was written from did and is written back byte for byte; older versions, which lack models
 * fitted on training data, are refused with one line that says what to do.
 */
class GoldenBundleTest {

  static Path golden(String name) {
    try {
      return Path.of(Objects.requireNonNull(GoldenBundleTest.class.getResource("/bundles/" + name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void loadsAVersionFiveBundleWithItsProvenanceInputTransformAndBaselineModels() throws IOException {
    EncoderBundle bundle = BundleJson.read(golden("v5.json"));

    assertThat(bundle.formatVersion()).isEqualTo(5);
    assertThat(bundle.provenance().hiddenLayer()).isEqualTo("1");
    assertThat(bundle.width()).isEqualTo(GoldenBundles.WIDTH);
    assertThat(bundle.classNames()).containsExactly("a", "b");
    assertThat(bundle.inputTransform()).isEqualTo(new InputTransform(1 / 255.0, List.of(0.5, 0.25), List.of(0.5, 2.0)));
    assertThat(bundle.knn().k()).isEqualTo(bundle.settings().knnK());
    assertThat(bundle.settings().knnCap()).isEqualTo(BundleFitter.KNN_CAP);
    assertThat(bundle.vim().principalDimension()).isEqualTo(bundle.settings().vimDimension()).isEqualTo(1);
    assertThat(bundle.vim().headResidual()).as("the golden logits are affine in h").isLessThan(1e-9);
    assertThat(bundle.mahalanobisNormalised().dimension()).isEqualTo(GoldenBundles.WIDTH);
    for (ScoreName score : ScoreName.values()) {
      assertThat(bundle.oodThresholds()).containsKey(score);
      assertThat(bundle.calibration()).containsKey(score);
    }
  }

  @Test
  void scoresTheGoldenBundleAsTheBundleItWasWrittenFrom() throws IOException {
    Path file = golden("v5.json");
    GoldenBundles.RecordedScores recorded =
        BundleJson.MAPPER.readValue(GoldenBundles.scoresBeside(file).toFile(), GoldenBundles.RecordedScores.class);
    ConfidenceScorer scorer = new ConfidenceScorer(BundleJson.read(file));

    assertThat(recorded.scores()).hasSize(8);
    for (int i = 0; i < recorded.scores().size(); i++) {
      double[] scores = scorer.scores(recorded.hidden()[i], recorded.logits()[i]);
      for (ScoreName score : ScoreName.values()) {
        double expected = recorded.scores().get(i).get(score);
        if (score == ScoreName.KNN) {
          // the k-NN search chooses by a matrix product whose float rounding depends on the kernel (KnnScore)
          assertThat(scores[score.ordinal()]).as("sample %d, %s", i, score.key()).isCloseTo(expected, within(1e-6));
        } else {
          assertThat(scores[score.ordinal()]).as("sample %d, %s", i, score.key()).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void writesTheCurrentGoldenBundleBackByteForByte(@TempDir Path dir) throws IOException {
    Path file = golden("v" + EncoderBundle.FORMAT_VERSION + ".json");
    Path written = dir.resolve("written.json");

    BundleJson.write(BundleJson.read(file), written);

    assertThat(Files.readString(written)).isEqualTo(Files.readString(file));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void refusesAnOlderBundleNamingBothVersionsAndTheFix(int version) {
    Path file = golden("v" + version + ".json");

    assertThatThrownBy(() -> BundleJson.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("v" + version + ".json has bundle format version " + version + ", expected 5; run 'penultimate fit' again")
        .hasMessageContaining("cannot be upgraded")
        .hasMessageNotContaining("\n");
  }
}
