package io.penultimate.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a golden bundle file (see {@code src/test/resources/bundles/README.md}): a bundle fitted
 * on seeded synthetic outputs of 2 nodes and 2 classes, small enough to commit and read, so that a
 * later version proves it still loads the files of the versions it accepts, and refuses the others
 * with a message that says what to do.
 */
final class GoldenBundles {
  static final int WIDTH = 2;
  static final int CLASSES = 2;

  private GoldenBundles() {}

  static EncoderBundle fit() {
    return BundleFitter.fit(
        SyntheticOutputs.generate(100, 1, WIDTH, CLASSES),
        SyntheticOutputs.generate(40, 2, WIDTH, CLASSES),
        List.of("a", "b"),
        new Provenance("0".repeat(64), "synthetic", "golden", 1, 1, "2026-01-01T00:00:00Z", "golden", "none", "17"));
  }

  /** Usage: GoldenBundles FILE — writes the bundle this version fits to FILE. */
  public static void main(String[] args) throws IOException {
    BundleJson.write(fit(), Path.of(args[0]));
  }
}
