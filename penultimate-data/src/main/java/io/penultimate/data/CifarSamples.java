package io.penultimate.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * CIFAR-10 and CIFAR-100 in the "binary version" their authors distribute, and CIFAR-10 as a
 * folder of JPEG or PNG class folders. Values are scaled to [0, 1] like the other named data sets;
 * each sample is the 3x32x32 image channels first (red plane, green, blue, each row by row), input
 * shape (3, 32, 32), which is also the binary files' own order.
 *
 * <ul>
 *   <li>CIFAR-10 binary ({@code cifar-10-batches-bin/}): {@code data_batch_1.bin} …
 *       {@code data_batch_5.bin} and {@code test_batch.bin}, each 10,000 records of one label byte
 *       and 3,072 pixel bytes; class names from {@code batches.meta.txt} when present.
 *   <li>CIFAR-100 binary ({@code cifar-100-binary/}): {@code train.bin} (50,000) and {@code
 *       test.bin} (10,000), records of a coarse label byte, a fine label byte and 3,072 pixel bytes;
 *       names from {@code fine_label_names.txt} or {@code coarse_label_names.txt} when present.
 *   <li>CIFAR-10 image folders: {@code DIR/train/<class>/*.jpg} and {@code DIR/test/<class>/*.jpg},
 *       the class folders named as {@link #CIFAR10_CLASSES} (the layout of common JPEG copies).
 * </ul>
 */
final class CifarSamples {
  static final int SIDE = 32;
  static final int CHANNELS = 3;
  static final int PIXELS = CHANNELS * SIDE * SIDE;
  static final List<Integer> SHAPE = List.of(CHANNELS, SIDE, SIDE);
  static final List<String> CIFAR10_CLASSES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  static final List<String> CIFAR10_TRAIN_FILES =
      IntStream.rangeClosed(1, 5).mapToObj(i -> "data_batch_" + i + ".bin").toList();
  static final String CIFAR10_TEST_FILE = "test_batch.bin";
  static final String CIFAR100_TRAIN_FILE = "train.bin";
  static final String CIFAR100_TEST_FILE = "test.bin";
  private static final int CIFAR100_FINE_CLASSES = 100;
  private static final int CIFAR100_COARSE_CLASSES = 20;
  private static final float MAX_VALUE = 255f;

  /** Which of CIFAR-100's two labels a sample gets. */
  enum Cifar100Labels {
    FINE(1, CIFAR100_FINE_CLASSES, "fine_label_names.txt"),
    COARSE(0, CIFAR100_COARSE_CLASSES, "coarse_label_names.txt");

    final int offset;
    final int classes;
    final String namesFile;

    Cifar100Labels(int offset, int classes, String namesFile) {
      this.offset = offset;
      this.classes = classes;
      this.namesFile = namesFile;
    }
  }

  private CifarSamples() {}

  /** Whether {@code dir} holds the CIFAR-10 binary files rather than image folders. */
  static boolean isCifar10Binary(Path dir) {
    return Files.isRegularFile(dir.resolve(CIFAR10_TEST_FILE));
  }

  /** The five CIFAR-10 training batches in order, 50,000 images. */
  static LabeledSamples cifar10Train(Path dir) {
    List<String> names = cifar10Names(dir);
    List<LabeledSamples> batches = CIFAR10_TRAIN_FILES.stream().map(file -> read(dir.resolve(file), 1, 0, names)).toList();
    return concatenated(batches, dir + "/data_batch_{1..5}.bin");
  }

  static LabeledSamples cifar10Test(Path dir) {
    return read(dir.resolve(CIFAR10_TEST_FILE), 1, 0, cifar10Names(dir));
  }

  static LabeledSamples cifar100(Path dir, String file, Cifar100Labels labels) {
    Path names = dir.resolve(labels.namesFile);
    List<String> classNames = Files.isRegularFile(names)
        ? names(names, labels.classes)
        : IntStream.range(0, labels.classes).mapToObj(Integer::toString).toList();
    return read(dir.resolve(file), 2, labels.offset, classNames);
  }

  /** A CIFAR-10 split ({@code train} or {@code test}) as a folder of class folders of 8-bit RGB images, scaled to [0, 1]. */
  static LabeledSamples cifar10Folder(Path dir, String split) {
    Path folder = dir.resolve(split);
    if (!Files.isDirectory(folder)) {
      throw new InvalidDataException(dir + " holds neither the CIFAR-10 binary files (" + CIFAR10_TEST_FILE
          + ", data_batch_1.bin …) nor image folders " + split + "/<class>/: expected one of the two layouts");
    }
    LabeledSamples images = ImageFolderSamples.read(folder, LabelOptions.DEFAULT.withClassNames(CIFAR10_CLASSES));
    if (!images.inputShape().equals(SHAPE)) {
      throw new InvalidDataException(folder + " holds images of shape " + images.inputShape() + ", CIFAR-10 images are " + SHAPE);
    }
    for (float[] row : images.features()) {
      for (int i = 0; i < row.length; i++) {
        row[i] /= MAX_VALUE;
      }
    }
    return images;
  }

  /**
   * Records of {@code labelBytes} label bytes and {@link #PIXELS} pixel bytes; the label is the
   * byte at {@code labelOffset}.
   */
  static LabeledSamples read(Path file, int labelBytes, int labelOffset, List<String> classNames) {
    int record = labelBytes + PIXELS;
    byte[] bytes = DataFiles.read(file, in -> in.readAllBytes());
    if (bytes.length == 0 || bytes.length % record != 0) {
      throw new InvalidDataException(file + " has " + bytes.length + " bytes, not a whole number of " + record
          + "-byte CIFAR records (" + labelBytes + " label byte" + (labelBytes == 1 ? "" : "s") + " and 3x32x32 pixels)");
    }
    int n = bytes.length / record;
    float[][] features = new float[n][PIXELS];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int at = i * record;
      labels[i] = Byte.toUnsignedInt(bytes[at + labelOffset]);
      if (labels[i] >= classNames.size()) {
        throw new InvalidDataException(file + ": record " + i + " has label " + labels[i] + ", expected 0.." + (classNames.size() - 1));
      }
      for (int p = 0; p < PIXELS; p++) {
        features[i][p] = Byte.toUnsignedInt(bytes[at + labelBytes + p]) / MAX_VALUE;
      }
    }
    return new LabeledSamples(features, SHAPE, labels, classNames, file.toString());
  }

  private static List<String> cifar10Names(Path dir) {
    Path meta = dir.resolve("batches.meta.txt");
    return Files.isRegularFile(meta) ? names(meta, CIFAR10_CLASSES.size()) : CIFAR10_CLASSES;
  }

  /** One class name per non-blank line, as the distributions' *.txt files list them. */
  private static List<String> names(Path file, int expected) {
    List<String> names;
    try {
      names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (names.size() != expected) {
      throw new InvalidDataException(file + " names " + names.size() + " classes, expected " + expected + ", one per line");
    }
    return names;
  }

  private static LabeledSamples concatenated(List<LabeledSamples> parts, String source) {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (LabeledSamples part : parts) {
      rows.addAll(List.of(part.features()));
      for (int label : part.labels()) {
        labels.add(label);
      }
    }
    return new LabeledSamples(rows.toArray(new float[0][]), SHAPE, labels.stream().mapToInt(Integer::intValue).toArray(),
        parts.get(0).classNames(), source);
  }
}
