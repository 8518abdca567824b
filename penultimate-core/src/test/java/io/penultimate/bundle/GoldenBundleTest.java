package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed bundles under {@code src/test/resources/bundles}, written by {@link GoldenBundles}
 * (the README there says at which commit): the current version's file loads, scores as the bundle
 * it was written from did and is written back byte for byte; older versions are refused with one
 * line that says what to do.
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
  void loadsAVersionTwoBundleWithItsProvenance() throws IOException {
    EncoderBundle bundle = BundleJson.read(golden("v2.json"));

    assertThat(bundle.formatVersion()).isEqualTo(2);
    assertThat(bundle.provenance().hiddenLayer()).isEqualTo("1");
    assertThat(bundle.width()).isEqualTo(GoldenBundles.WIDTH);
    assertThat(bundle.classNames()).containsExactly("a", "b");
  }

  @Test
  void scoresAVersionTwoBundleAsTheBundleItWasWrittenFrom() throws IOException {
    Path file = golden("v2.json");
    GoldenBundles.RecordedScores recorded =
        BundleJson.MAPPER.readValue(GoldenBundles.scoresBeside(file).toFile(), GoldenBundles.RecordedScores.class);
    ConfidenceScorer scorer = new ConfidenceScorer(BundleJson.read(file));

    assertThat(recorded.scores()).hasSize(8);
    for (int i = 0; i < recorded.scores().size(); i++) {
      double[] scores = scorer.scores(recorded.hidden()[i], recorded.logits()[i]);
      for (ScoreName score : ScoreName.values()) {
        assertThat(scores[score.ordinal()]).as("sample %d, %s", i, score.key()).isEqualTo(recorded.scores().get(i).get(score));
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

  @Test
  void refusesAVersionOneBundleNamingBothVersionsAndHowToRefit() {
    Path file = golden("v1.json");

    assertThatThrownBy(() -> BundleJson.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("v1.json has bundle format version 1, expected " + EncoderBundle.FORMAT_VERSION)
        .hasMessageContaining("refit with 'penultimate fit'")
        .hasMessageNotContaining("\n");
  }
}
