package io.penultimate.bundle;

import io.penultimate.model.InputTransform;
import io.penultimate.model.LabeledOutputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Writes a golden bundle file (see {@code src/test/resources/bundles/README.md}): a bundle fitted
 * on seeded synthetic outputs of 2 nodes and 2 classes, small enough to commit and read, so that a
 * later version proves it still loads the files of the versions it accepts, and refuses the others
 * with a message that says what to do. Beside it go a few samples and the scores the bundle gave
 * them when it was written. From version 4 on the logits are those of a linear head
 * ({@link SyntheticOutputs#generateAffine}), so ViM recovers it exactly, as on a real network.
 */
final class GoldenBundles {
  static final int WIDTH = 2;
  static final int CLASSES = 2;
  /** Recorded from version 3 on: 0..255 inputs scaled to [0, 1], then one mean and std per feature. */
  static final InputTransform TRANSFORM = new InputTransform(1 / 255.0, List.of(0.5, 0.25), List.of(0.5, 2.0));

  /** Samples and every score the bundle gave each, keyed by score. */
  record RecordedScores(double[][] hidden, double[][] logits, List<Map<ScoreName, Double>> scores) {}

  private GoldenBundles() {}

  static EncoderBundle fit() {
    return BundleFitter.fit(
        SyntheticOutputs.generateAffine(100, 1, WIDTH, CLASSES),
        SyntheticOutputs.generateAffine(40, 2, WIDTH, CLASSES),
        List.of("a", "b"),
        new Provenance("0".repeat(64), "synthetic", "golden", OptionalLong.of(1), "1", "2026-01-01T00:00:00Z", "golden", "none", "17"),
        OptionalDouble.empty(),
        TRANSFORM);
  }

  static RecordedScores score(EncoderBundle bundle) {
    LabeledOutputs sample = SyntheticOutputs.generateAffine(8, 3, WIDTH, CLASSES);
    ConfidenceScorer scorer = new ConfidenceScorer(bundle);
    List<Map<ScoreName, Double>> scores = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      double[] row = scorer.scores(sample.outputs().hidden()[i], sample.outputs().logits()[i]);
      Map<ScoreName, Double> keyed = new EnumMap<>(ScoreName.class);
      for (ScoreName score : ScoreName.values()) {
        keyed.put(score, row[score.ordinal()]);
      }
      scores.add(keyed);
    }
    return new RecordedScores(sample.outputs().hidden(), sample.outputs().logits(), scores);
  }

  /** Path of the recorded scores beside a bundle file: {@code v2.json} has {@code v2-scores.json}. */
  static Path scoresBeside(Path bundle) {
    return bundle.resolveSibling(bundle.getFileName().toString().replace(".json", "-scores.json"));
  }

  /** Usage: GoldenBundles FILE — writes the bundle this version fits to FILE, its scores beside it. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    EncoderBundle bundle = fit();
    BundleJson.write(bundle, file);
    BundleJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(scoresBeside(file).toFile(), score(bundle));
  }
}
