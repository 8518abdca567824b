package io.penultimate.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed bundles under {@code src/test/resources/bundles}, written by {@link GoldenBundles}
 * (the README there says at which commit): the current version's file loads and is written back
 * byte for byte.
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
  void shouldWriteTheCurrentGoldenBundleBackByteForByte(@TempDir Path dir) throws IOException {
    Path file = golden("v1.json");
    Path written = dir.resolve("written.json");

    BundleJson.write(BundleJson.read(file), written);

    assertThat(Files.readString(written)).isEqualTo(Files.readString(file));
  }
}
